using System.Net;

namespace Kinopio.Api.Observability;

/// <summary>Where the Api will listen, as its configuration says (<c>Urls</c>, <c>HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>).</summary>
public static class ListenAddresses
{
    /// <summary>True when every address is a loopback one (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>).</summary>
    public static bool AreLoopbackOnly(IConfiguration configuration)
    {
        // HTTP_PORTS and HTTPS_PORTS listen on every interface.
        if (!string.IsNullOrEmpty(configuration["http_ports"]) || !string.IsNullOrEmpty(configuration["https_ports"]))
            return false;
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"] ?? ""));
        return urls.All(IsLoopback);
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://any").Replace("://+", "://any"), UriKind.Absolute, out var uri))
            return false;
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
