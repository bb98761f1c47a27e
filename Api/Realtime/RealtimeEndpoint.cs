using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Realtime;

/// <summary>
/// The WebSocket upgrade at the server root. <c>?apiKey=</c> makes the socket that user; a key
/// that is given but not valid refuses the upgrade with 401. The upgrade costs no rate-limit token.
/// </summary>
public static class RealtimeEndpoint
{
    public static async Task<IResult> Accept(HttpContext http)
    {
        var services = http.RequestServices;
        var caller = await services.GetRequiredService<ApiKeyResolver>().Resolve(http.Request);
        if (caller is null && ApiKeyResolver.FindApiKey(http.Request) is not null)
            return Respond.Problem(Problem.InvalidApiKey);

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var metrics = services.GetRequiredService<KinopioMetrics>();
        metrics.SocketOpened();
        var connection = new RoomConnection(
            socket,
            caller,
            services.GetRequiredService<RoomHub>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<IOptions<RealtimeOptions>>().Value,
            services.GetRequiredKeyedService<TimeProvider>(KinopioClock.Key),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<RoomConnection>());
        try
        {
            await connection.Run(http.RequestAborted);
        }
        finally
        {
            metrics.SocketClosed();
        }

        return Results.Empty;
    }
}
