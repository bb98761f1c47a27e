using System.Security.Cryptography;
using System.Text;
using Kinopio.Api.Http;

namespace Kinopio.Api.Observability;

/// <summary>
/// Endpoint metadata of the Orleans Dashboard's routes: HTTP Basic with the configured
/// <c>Dashboard:Password</c> (any user name), compared in constant time. Checked by the request pipeline.
/// </summary>
public sealed class DashboardPassword(string password)
{
    private readonly byte[] _password = Encoding.UTF8.GetBytes(password);

    public bool Admits(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        Span<byte> decoded = stackalloc byte[header.Length];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var length))
            return false;
        var colon = decoded[..length].IndexOf((byte)':');
        return colon >= 0 && CryptographicOperations.FixedTimeEquals(decoded[(colon + 1)..length], _password);
    }

    /// <summary>401 with the JSON body, and the challenge that makes a browser ask for the password.</summary>
    public static Task Challenge(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Kinopio dashboard\", charset=\"UTF-8\"";
        return Respond.Write(http, StatusCodes.Status401Unauthorized, "the dashboard needs its password");
    }
}
