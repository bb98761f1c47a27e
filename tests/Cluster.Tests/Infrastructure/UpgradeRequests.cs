using System.Net;
using System.Security.Cryptography;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>WebSocket upgrades sent as plain HTTP requests, so a test reads the refusal's status and body.</summary>
internal static class UpgradeRequests
{
    /// <summary>A GET with exactly the headers of a WebSocket upgrade (RFC 6455 §4.1), as a browser sends them.</summary>
    public static HttpRequestMessage To(Uri api, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, path))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Connection", "Upgrade"));
        Assert.True(request.Headers.TryAddWithoutValidation("Upgrade", "websocket"));
        Assert.True(request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13"));
        Assert.True(request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
        return request;
    }
}
