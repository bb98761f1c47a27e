using System.Net;
using System.Net.WebSockets;
using Kinopio.Api.Realtime;
using Kinopio.Grains.Interfaces;
using Kinopio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>
/// Contract §11's socket caps and the cost of anonymous joins, through the real pipeline with the
/// default rate limits (5 per second, 30-second block) and a fake clock. Each test opens its sockets
/// from addresses of its own; the front end's own cap is tested on a host of its own.
/// </summary>
public sealed class RealtimeLimitTests : IAsyncLifetime
{
    private const int Cap = 20;

    private readonly ApiHost _host = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond: 5);
    private readonly KinopioClient _client;

    public RealtimeLimitTests() => _client = new KinopioClient(_host.CreateClient());

    [Fact]
    public async Task The_21st_socket_of_one_client_address_is_refused_with_429_and_one_that_closes_makes_room()
    {
        var address = ClientAddresses.New();
        var sockets = new List<RoomSocket>();
        for (var i = 0; i < Cap; i++)
            sockets.Add(await RoomSocket.Connect(_host.Server, clientAddress: address));

        var refused = (await UpgradeAttempt.Send(_host.Server, apiKey: null, address)).IsError(HttpStatusCode.TooManyRequests, "per client address");
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        await using (await RoomSocket.Connect(_host.Server, clientAddress: ClientAddresses.New()))
        {
        }

        await sockets[0].DisposeAsync();
        RoomSocket? reopened = null;
        await Poll.Until(async () => (reopened = await TryConnect(address)) is not null, "the closed socket's place to free");
        await reopened!.DisposeAsync();
        foreach (var socket in sockets.Skip(1))
            await socket.DisposeAsync();
    }

    [Fact]
    public async Task The_21st_socket_of_one_user_is_refused_with_429_from_any_address()
    {
        var key = await _client.NewUserKey(ClientAddresses.New());
        var sockets = new List<RoomSocket>();
        for (var i = 0; i < Cap; i++)
            sockets.Add(await RoomSocket.Connect(_host.Server, key, ClientAddresses.New()));

        var refused = (await UpgradeAttempt.Send(_host.Server, key, ClientAddresses.New())).IsError(HttpStatusCode.TooManyRequests, "per user");
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        await using (await RoomSocket.Connect(_host.Server, await _client.NewUserKey(ClientAddresses.New()), ClientAddresses.New()))
        {
        }

        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }

    [Fact]
    public async Task Past_the_front_ends_cap_an_upgrade_answers_503()
    {
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow),
            settings: new Dictionary<string, string?> { ["Realtime:MaxSockets"] = "2" });
        await using var first = await RoomSocket.Connect(host.Server, clientAddress: ClientAddresses.New());
        await using var second = await RoomSocket.Connect(host.Server, clientAddress: ClientAddresses.New());

        (await UpgradeAttempt.Send(host.Server, apiKey: null, ClientAddresses.New())).IsError(HttpStatusCode.ServiceUnavailable, "as many WebSockets");
    }

    [Fact]
    public async Task A_socket_closed_for_a_frame_over_64_KiB_holds_its_place_until_the_client_closes_too_at_most_2_s()
    {
        // On Kestrel, a socket let go with the rest of that frame unread is reset, and the reset drops
        // the close frame the client has not read yet (KestrelEdgeTests). Here, held shows as its place taken.
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow),
            settings: new Dictionary<string, string?> { ["Realtime:MaxSockets"] = "1" });
        var oversized = RoomSocket.MessageOfSize("big", RealtimeOptions.MaxMessageBytes + 1);
        async Task<bool> Opens()
        {
            try
            {
                await (await RoomSocket.Connect(host.Server, clientAddress: ClientAddresses.New())).DisposeAsync();
                return true;
            }
            catch (InvalidOperationException refused) when (refused.Message.Contains("503"))
            {
                return false;
            }
        }

        await using (var answering = await RoomSocket.Connect(host.Server, clientAddress: ClientAddresses.New()))
        {
            await answering.SendText(oversized);
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, await answering.ReceiveClose());
            Assert.False(await Opens());

            // What the client sends before its close is read and dropped; its close ends the hold.
            await answering.SendText("""{"message":"sent before the close was read"}""");
            await answering.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            await Poll.Until(Opens, "the place of the socket the client closed to free");
        }

        // A client that never answers the close is let go when the linger has passed (the hold may begin
        // after the client read the close, so the clock is moved on until the linger passed since then).
        await using var silent = await RoomSocket.Connect(host.Server, clientAddress: ClientAddresses.New());
        await silent.SendText(oversized);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await silent.ReceiveClose());
        Assert.False(await Opens());
        await Poll.Until(() =>
        {
            host.Clock.Advance(RealtimeEndpoint.CloseLinger);
            return Opens();
        }, "the place of the socket whose client never closed to free");
    }

    [Fact]
    public async Task An_upgrade_with_a_made_up_key_costs_its_address_a_token_and_a_blocked_address_reaches_no_key_lookup()
    {
        var address = ClientAddresses.New();
        for (var i = 0; i < 5; i++)
            (await UpgradeAttempt.Send(_host.Server, Guid.NewGuid().ToString(), address)).IsError(HttpStatusCode.Unauthorized);

        (await UpgradeAttempt.Send(_host.Server, Guid.NewGuid().ToString(), address)).IsError(HttpStatusCode.TooManyRequests);
        // Without a key the upgrade costs no token: the blocked address still opens a socket.
        await using var anonymous = await RoomSocket.Connect(_host.Server, clientAddress: address);
    }

    [Fact]
    public async Task Anonymous_joins_of_rooms_nobody_here_is_in_cost_the_address_a_token_and_joins_of_a_room_here_do_not()
    {
        var address = ClientAddresses.New();
        var rooms = Enumerable.Range(0, 6).Select(_ => Ids.New()).ToList();
        var sockets = new List<RoomSocket>();
        foreach (var room in rooms)
            sockets.Add(await RoomSocket.Connect(_host.Server, clientAddress: address));

        // Five random rooms cost the address's five tokens; the sixth join is refused (1013, try again
        // later) before any space grain is activated.
        for (var i = 0; i < 5; i++)
            await sockets[i].Join(rooms[i]);
        await sockets[5].Send(new { message = "joinSpaceRoom", space = new { id = rooms[5] }, user = new { id = "anonymous" } });
        Assert.Equal((WebSocketCloseStatus)1013, await sockets[5].ReceiveClose());

        // A room this front end has a socket in was asked of its space already: the blocked address may still join it.
        await using var another = await RoomSocket.Connect(_host.Server, clientAddress: address);
        await another.Join(rooms[0]);
        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }

    [Fact]
    public void A_socket_that_never_reads_holds_at_most_1_MiB_of_queued_text()
    {
        var connection = new RoomConnection(Ids.New(), WebSocket.CreateFromStream(Stream.Null, new WebSocketCreationOptions { IsServer = true }), caller: null,
            ClientAddresses.New(), _host.Services.GetRequiredService<RoomHub>(), _host.Services.GetRequiredService<IGrainFactory>(),
            new RealtimeOptions(), _host.Clock, NullLogger.Instance);
        var small = RoomSocket.MessageOfSize("small", 32);
        var big = RoomSocket.MessageOfSize("big", RealtimeOptions.MaxMessageBytes); // 128 KiB as a .NET string
        static long Bytes(string message) => message.Length * sizeof(char);

        // Nothing reads the outbox (the connection does not run): 256 small messages fill it by count.
        for (var i = 0; i < 256; i++)
            connection.Send(small);
        Assert.Equal(256 * Bytes(small), connection.QueuedBytes);

        // Each big message pushes the oldest small one out; 7 fit beside the small ones left, an
        // eighth would pass 1 MiB: it is dropped, and so is the ninth.
        for (var i = 0; i < 9; i++)
            connection.Send(big);
        Assert.Equal((256 - 7) * Bytes(small) + 7 * Bytes(big), connection.QueuedBytes);

        // 256 more small ones push out everything queued before them, the big ones too: what was dropped was given back.
        for (var i = 0; i < 256; i++)
            connection.Send(small);
        Assert.Equal(256 * Bytes(small), connection.QueuedBytes);
    }

    private async Task<RoomSocket?> TryConnect(string address)
    {
        try
        {
            return await RoomSocket.Connect(_host.Server, clientAddress: address);
        }
        catch (InvalidOperationException refused) when (refused.Message.Contains("429"))
        {
            return null;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
