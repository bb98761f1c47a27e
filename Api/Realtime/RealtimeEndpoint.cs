using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Realtime;

/// <summary>
/// The WebSocket upgrade at the server root. <c>?apiKey=</c> makes the socket that user; a key
/// that is given but not valid refuses the upgrade with 401. The upgrade costs no rate-limit token
/// (contract §3) but a key this process does not know is looked up only after the client address
/// paid a token for it (<see cref="ApiKeyResolver.Resolve(HttpRequest, string)"/>), and the socket
/// caps of <see cref="SocketCounts"/> bound what is held open.
/// </summary>
public static class RealtimeEndpoint
{
    public static async Task<IResult> Accept(HttpContext http)
    {
        var services = http.RequestServices;
        var address = ClientAddress.Of(http);
        var (caller, refused, _) = await services.GetRequiredService<ApiKeyResolver>().Resolve(http.Request, address);
        if (refused is not null)
            return Respond.Problem(refused);
        if (caller is null && ApiKeyResolver.FindApiKey(http.Request) is not null)
            return Respond.Problem(Problem.InvalidApiKey);

        var counts = services.GetRequiredService<SocketCounts>();
        if (counts.TryOpen(address, caller?.UserId) is { } full)
            return Respond.Problem(full);
        try
        {
            await Serve(http, caller, address);
        }
        finally
        {
            counts.Close(address, caller?.UserId);
        }

        return Results.Empty;
    }

    private static async Task Serve(HttpContext http, Caller? caller, string address)
    {
        var services = http.RequestServices;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var metrics = services.GetRequiredService<KinopioMetrics>();
        metrics.SocketOpened();
        var connection = new RoomConnection(
            socket,
            caller,
            address,
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
    }
}
