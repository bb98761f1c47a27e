using System.Diagnostics;
using Kinopio.Api.Auth;
using Kinopio.Grains.Telemetry;
using Microsoft.AspNetCore.Diagnostics;

namespace Kinopio.Api.Observability;

/// <summary>
/// One log line and one <c>kinopio.requests</c> count per request, once it is answered: the route
/// template (never the path, so no ids or tokens of a query string), the status, the duration, and who
/// asked (the user id when a valid key came with it, else the client address). Never a header or body.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, KinopioMetrics metrics, ILogger<RequestLog> log)
{
    /// <summary>The route label of a request no route took (the 404 fallback).</summary>
    public const string Unmatched = "(unmatched)";

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var route = RouteOf(http);
            var status = http.Response.StatusCode;
            metrics.Request(route, status);
            Answered(log, http.Request.Method, route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                http.Features.Get<Caller>()?.UserId, ClientAddress.Of(http));
        }
    }

    /// <summary>The exception handler clears the endpoint before it answers: its feature still names it.</summary>
    private static string RouteOf(HttpContext http) =>
        (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) switch
        {
            RouteEndpoint { Order: int.MaxValue } => Unmatched,
            RouteEndpoint route => "/" + route.RoutePattern.RawText?.Trim('/'),
            _ => Unmatched,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms, user {UserId}, address {ClientAddress}")]
    private static partial void Answered(ILogger log, string method, string route, int status, double elapsedMs, string? userId, string clientAddress);
}
