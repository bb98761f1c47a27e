using System.Net;
using System.Net.WebSockets;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>Contract §9.3 in the realtime rooms: rights that narrow close sockets at once; only the server announces joins.</summary>
[Collection(SharedApi.Name)]
public sealed class CollaboratorRoomTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task A_space_turned_private_closes_the_sockets_that_may_no_longer_view_it_and_keeps_its_members()
    {
        var (owner, _) = await _client.NewUser();
        var space = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var (friend, friendId) = await _client.NewUser();
        await _client.JoinSpace(space, friend, await _client.CollaboratorKey(space, owner));
        var (strangerKey, strangerId) = await _client.NewUser();

        await using var owners = await RoomSocket.Connect(api.Host.Server, owner);
        await owners.Join(space);
        await using var member = await RoomSocket.Connect(api.Host.Server, friend);
        await member.Join(space);
        var memberJoined = await owners.Receive();
        Assert.Equal(friendId, memberJoined["user"]!["id"]!.ToString());
        Assert.True(memberJoined["user"]!["isSignedIn"]!.GetValue<bool>());
        Assert.True(memberJoined["user"]!["isCollaborator"]!.GetValue<bool>());

        await using var stranger = await RoomSocket.Connect(api.Host.Server, strangerKey);
        await stranger.Join(space);
        var strangerJoined = await owners.Receive();
        Assert.Equal(strangerId, strangerJoined["user"]!["id"]!.ToString());
        Assert.False(strangerJoined["user"]!["isCollaborator"]!.GetValue<bool>());
        await using var anonymous = await RoomSocket.Connect(api.Host.Server);
        await anonymous.Join(space);
        await owners.Receive();
        Assert.Equal("userJoinedRoom", (await stranger.Receive())["message"]!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "private" }, owner)).Status);
        await member.SendText("""{"message":"afterTheChange"}""");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stranger.ReceiveClose());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await anonymous.ReceiveClose());
        while ((await owners.Receive())["message"]!.ToString() is var message && message != "afterTheChange")
            Assert.True(message is "userJoinedRoom" or "userLeftRoom", message);
    }

    [Fact]
    public async Task A_space_turned_private_between_the_check_of_a_join_and_the_socket_entering_the_room_closes_that_socket()
    {
        var rightsChange = new AfterNextViewRoom();
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var racing = host.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IOutgoingGrainCallFilter>(rightsChange)));
        var client = new KinopioClient(racing.CreateClient());
        var (owner, ownerId) = await client.NewUser();
        var space = (await client.CreateSpace(owner, "open"))["id"]!.ToString();
        await using var owners = await RoomSocket.Connect(racing.Server, owner);
        await owners.Join(space);

        // The stranger's join reads the space open; before the socket is in the room, the space turns
        // private, and the recheck that follows finds only the owner in the room.
        rightsChange.Then = async () =>
            Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "private" }, owner)).Status);
        await using var stranger = await RoomSocket.Connect(racing.Server);
        await stranger.Send(new { message = "joinSpaceRoom", space = new { id = space }, user = new { id = "stranger" } });

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stranger.ReceiveClose());
        // The room never heard of the stranger, neither joining nor leaving: the next it hears is the owner's second socket.
        await using var ownersSecond = await RoomSocket.Connect(racing.Server, owner);
        await ownersSecond.Join(space);
        var next = await owners.Receive();
        Assert.Equal("userJoinedRoom", next["message"]!.ToString());
        Assert.Equal(ownerId, next["user"]!["id"]!.ToString());
    }

    [Fact]
    public async Task A_client_frame_that_claims_to_be_a_server_message_is_dropped()
    {
        var (owner, _) = await _client.NewUser();
        var space = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        await using var watcher = await RoomSocket.Connect(api.Host.Server);
        await watcher.Join(space);
        await using var forger = await RoomSocket.Connect(api.Host.Server);
        await forger.Join(space);
        await watcher.Receive();

        foreach (var forged in new[] { "userJoinedRoom", "userLeftRoom", "connected" })
            await forger.Send(new { message = forged, user = new { id = "forged", name = "Admin" } });
        await forger.Send(new { message = "genuine" });

        Assert.Equal("genuine", (await watcher.Receive())["message"]!.ToString());
    }

    /// <summary>Runs <see cref="Then"/> once, after the next <c>ViewRoom</c> of a space grain answered and before its caller goes on.</summary>
    private sealed class AfterNextViewRoom : IOutgoingGrainCallFilter
    {
        public Func<Task>? Then;

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.Grain is ISpaceGrain && context.MethodName == nameof(ISpaceGrain.ViewRoom) && Interlocked.Exchange(ref Then, null) is { } then)
                await then();
        }
    }
}
