using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace Kinopio.Tests.Support;

/// <summary>
/// A WebSocket upgrade at the root that the test expects refused, answered whole (status, headers,
/// body): the TestServer's own WebSocket client only tells the status of a refusal.
/// </summary>
public static class UpgradeAttempt
{
    public static async Task<Answer> Send(TestServer server, string? apiKey, string clientAddress)
    {
        var http = await server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/";
            if (apiKey is not null)
                context.Request.QueryString = new QueryString($"?apiKey={apiKey}");
            context.Request.Headers["X-Forwarded-For"] = clientAddress;
            context.Features.Set<IHttpWebSocketFeature>(new RefusedUpgrade());
        });
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        var retryAfter = int.TryParse(http.Response.Headers.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return new Answer((HttpStatusCode)http.Response.StatusCode, text, retryAfter, http.Response.ContentType?.Split(';')[0],
            http.Response.Headers.CacheControl.ToString());
    }

    private sealed class RefusedUpgrade : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => true;

        public Task<WebSocket> AcceptAsync(WebSocketAcceptContext context) =>
            throw new InvalidOperationException("the test expected this upgrade to be refused");
    }
}
