using System.Security.Cryptography;
using System.Text;
using Kinopio.Api.Http;

namespace Kinopio.Api.Observability;

/// <summary>
/// Endpoint metadata of the Orleans Dashboard's routes: HTTP Basic with the configured
/// <c>Dashboard:Password</c> (any user name). The SHA-256 of what was sent is compared with the
/// password's in constant time, so neither the content nor the length of the password shows in the
/// time an answer takes. Checked by the request pipeline, which charges a refused try to the client
/// address: guessing is rate limited like any request.
/// </summary>
public sealed class DashboardPassword(string password)
{
    private readonly byte[] _passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));

    public bool Admits(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        Span<byte> decoded = stackalloc byte[header.Length];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var length))
            return false;
        var colon = decoded[..length].IndexOf((byte)':');
        return colon >= 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded[(colon + 1)..length]), _passwordHash);
    }

    /// <summary>401 with the JSON body, and the challenge that makes a browser ask for the password.</summary>
    public static Task Challenge(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Kinopio dashboard\", charset=\"UTF-8\"";
        return Respond.Write(http, StatusCodes.Status401Unauthorized, "the dashboard needs its password");
    }
}
