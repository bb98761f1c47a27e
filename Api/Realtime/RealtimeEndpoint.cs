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
        var socketId = Ids.New();
        if (await counts.TryOpen(socketId, address, caller) is { } full)
            return Respond.Problem(full);
        try
        {
            await Serve(http, socketId, caller, address);
        }
        finally
        {
            await counts.Close(socketId);
        }

        return Results.Empty;
    }

    private static async Task Serve(HttpContext http, string socketId, Caller? caller, string address)
    {
        var services = http.RequestServices;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var metrics = services.GetRequiredService<KinopioMetrics>();
        var clock = services.GetRequiredKeyedService<TimeProvider>(KinopioClock.Key);
        metrics.SocketOpened();
        var connection = new RoomConnection(
            socketId,
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

    /// <summary>How long a socket the server closed is held, at most, for the client to close too.</summary>
    public static readonly TimeSpan CloseLinger = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A socket the server closed is held until the client closes too, at most <see cref="CloseLinger"/>:
    /// disposed at once, it ends in a TCP reset (ASP.NET Core aborts the connection of an aborted socket,
    /// and a connection closed with bytes of the client unread is reset by the kernel), and a reset
    /// makes the client's kernel drop the close frame if the client has not read it yet. Held, the
    /// client reads why it was closed.
    /// <list type="bullet">
    /// <item>The server sent the close itself (1008, 1009, 1011, 1013; the socket is CloseSent): what the
    /// client sends before its close frame is read and dropped (the rest of a frame over 64 KiB, say),
    /// and its close frame ends the hold.</item>
    /// <item>.NET sent it for a frame that breaks RFC 6455 (1002, 1007; the socket is Aborted): nothing
    /// more can be read, and the hold ends when the client closes the connection.</item>
    /// </list>
    /// </summary>
    private static async Task LetTheCloseFrameArrive(WebSocket socket, TimeProvider clock, CancellationToken clientGone)
    {
        if (socket.State is not (WebSocketState.CloseSent or WebSocketState.Aborted) || clientGone.IsCancellationRequested)
            return;
        using var linger = new CancellationTokenSource(CloseLinger, clock);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(linger.Token, clientGone);
        try
        {
            if (socket.State == WebSocketState.Aborted)
                await Task.Delay(Timeout.InfiniteTimeSpan, held.Token);
            else
            {
                var unread = new byte[1024];
                while (socket.State == WebSocketState.CloseSent)
                    await socket.ReceiveAsync(unread.AsMemory(), held.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client closed, the linger passed, or the connection broke: nothing is lost by the reset now.
        }
    }
}
