using System.Net.WebSockets;
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
        var clock = services.GetRequiredKeyedService<TimeProvider>(KinopioClock.Key);
        metrics.SocketOpened();
        var connection = new RoomConnection(
            socket,
            caller,
            address,
            services.GetRequiredService<RoomHub>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<IOptions<RealtimeOptions>>().Value,
            clock,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<RoomConnection>());
        try
        {
            await connection.Run(http.RequestAborted);
            await LetTheCloseFrameArrive(socket, clock, http.RequestAborted);
        }
        finally
        {
            metrics.SocketClosed();
        }
    }

    /// <summary>How long a socket failed for a protocol error is held, at most, before it is reset.</summary>
    public static readonly TimeSpan ProtocolErrorLinger = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A frame that breaks RFC 6455 (invalid UTF-8, a fragmented ping...) makes .NET send the close
    /// frame (1002, 1007) and mark the socket aborted; ASP.NET Core then aborts the connection when the
    /// socket is disposed, and Kestrel's abort is a TCP reset, which makes the client's kernel drop the
    /// close frame if it has not read it yet. So such a socket is held until the client closes its side
    /// (or <see cref="ProtocolErrorLinger"/>): the client reads why it was closed.
    /// </summary>
    private static async Task LetTheCloseFrameArrive(WebSocket socket, TimeProvider clock, CancellationToken clientGone)
    {
        if (socket.State != WebSocketState.Aborted || clientGone.IsCancellationRequested)
            return;
        try
        {
            await Task.Delay(ProtocolErrorLinger, clock, clientGone);
        }
        catch (OperationCanceledException)
        {
            // The client closed its side: nothing is lost by the reset now.
        }
    }
}
