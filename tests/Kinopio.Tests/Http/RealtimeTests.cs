using System.Net;
using System.Net.WebSockets;
using Kinopio.Api.Realtime;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §6: the WebSocket room protocol at the server root, through the real pipeline.</summary>
[Collection(SharedApi.Name)]
public sealed class RealtimeTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private Task<RoomSocket> Connect(string? apiKey = null) => RoomSocket.Connect(api.Host.Server, apiKey);

    [Fact]
    public async Task Plain_get_of_the_root_still_answers_json() =>
        Assert.Equal("Kinopio API is online", (await _client.Get("/"))["message"]);

    [Fact]
    public async Task Joining_answers_connected_and_tells_the_others_who_joined()
    {
        var (key, userId, space) = await _client.SignUpWithSpace("open");
        await using var watcher = await Connect();
        await watcher.Join(space);

        await using var owner = await Connect(key);
        await owner.Join(space, claimedUser: new { id = "someone-else", name = "spoof" });

        var joined = await watcher.Receive();
        Assert.Equal("userJoinedRoom", joined["message"]!.ToString());
        Assert.Equal(userId, joined["user"]!["id"]!.ToString());
        Assert.Null(joined["user"]!["email"]);
    }

    [Fact]
    public async Task Messages_are_relayed_unchanged_to_the_others_and_never_back_to_the_sender()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        await using var first = await Connect();
        await using var second = await Connect();
        await first.Join(space);
        await second.Join(space);
        Assert.Equal("userJoinedRoom", (await first.Receive())["message"]!.ToString());

        const string cursor = """{"message":"updateUserPresence","updates":{"cursor":{"x":10,"y":20}},"extra":[1,{"a":null}]}""";
        await first.SendText(cursor);
        Assert.Equal(cursor, (await second.Receive()).ToJsonString());

        await second.Send(new { message = "reply" });
        Assert.Equal("reply", (await first.Receive())["message"]!.ToString());
    }

    [Fact]
    public async Task Frames_that_are_not_json_are_dropped_and_the_socket_lives_on()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        await using var first = await Connect();
        await using var second = await Connect();
        await first.Join(space);
        await second.Join(space);
        await first.Receive();

        await first.SendText("{not json");
        await first.SendText("plain words");
        await first.Send(new { message = "after the noise" });

        Assert.Equal("after the noise", (await second.Receive())["message"]!.ToString());
    }

    [Fact]
    public async Task Frames_with_a_duplicate_key_are_dropped_and_the_socket_lives_on()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        await using var watcher = await Connect();
        await watcher.Join(space);
        await using var socket = await Connect();

        // Left to System.Text.Json's nodes, a duplicate key throws when it is first read (dotnet/runtime#70604),
        // wherever that is: the message's kind, the space's id, the claimed user as the room is told of it.
        await socket.SendText("""{"message":"a","message":"b"}""");
        await socket.SendText($$$"""{"message":"joinSpaceRoom","space":{"id":"{{{space}}}","id":"{{{space}}}"}}""");
        await socket.SendText($$$"""{"message":"joinSpaceRoom","space":{"id":"{{{space}}}"},"user":{"id":"a","id":"b"}}""");

        await socket.Join(space, claimedUser: new { id = "after the noise" });
        Assert.Equal("after the noise", (await watcher.Receive())["user"]!["id"]!.ToString());
    }

    [Fact]
    public async Task Closing_the_socket_tells_the_room_userLeftRoom()
    {
        var (key, userId, space) = await _client.SignUpWithSpace("open");
        await using var watcher = await Connect();
        await watcher.Join(space);
        var owner = await Connect(key);
        await owner.Join(space);
        await watcher.Receive();

        await owner.DisposeAsync();

        var left = await watcher.Receive();
        Assert.Equal("userLeftRoom", left["message"]!.ToString());
        Assert.Equal(userId, left["user"]!["id"]!.ToString());
    }

    [Fact]
    public async Task A_lost_connection_leaves_the_room_too()
    {
        var (key, _, space) = await _client.SignUpWithSpace("open");
        await using var watcher = await Connect();
        await watcher.Join(space);
        var owner = await Connect(key);
        await owner.Join(space);
        await watcher.Receive();

        owner.Socket.Abort();

        Assert.Equal("userLeftRoom", (await watcher.Receive())["message"]!.ToString());
    }

    [Fact]
    public async Task Joining_a_private_room_without_the_right_to_view_it_closes_the_socket_with_1008()
    {
        var (ownerKey, _, space) = await _client.SignUpWithSpace("private");

        await using var anonymous = await Connect();
        await anonymous.Send(new { message = "joinSpaceRoom", space = new { id = space }, user = new { id = "x" } });
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await anonymous.ReceiveClose());

        await using var stranger = await Connect(await _client.NewUserKey());
        await stranger.Send(new { message = "joinSpaceRoom", space = new { id = space }, user = new { id = "x" } });
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await stranger.ReceiveClose());

        await using var owner = await Connect(ownerKey);
        await owner.Join(space);
    }

    [Theory]
    [InlineData("private")]
    [InlineData("open")]
    public async Task The_room_of_a_removed_space_is_closed_to_everyone_but_its_owner(string privacy)
    {
        var (ownerKey, _, space) = await _client.SignUpWithSpace(privacy);
        await _client.Send(HttpMethod.Delete, "/space", new { id = space }, ownerKey);
        await using var owner = await Connect(ownerKey);
        await owner.Join(space);

        foreach (var key in new[] { null, await _client.NewUserKey() })
        {
            await using var other = await Connect(key);
            await other.Send(new { message = "joinSpaceRoom", space = new { id = space }, user = new { id = "x" } });
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, await other.ReceiveClose());
        }
    }

    [Fact]
    public async Task A_room_of_a_space_the_server_does_not_know_yet_can_be_joined()
    {
        await using var first = await Connect(await _client.NewUserKey());
        await using var second = await Connect();
        var space = $"local-{Guid.NewGuid():N}";
        await first.Join(space);
        await second.Join(space);
        Assert.Equal("userJoinedRoom", (await first.Receive())["message"]!.ToString());
    }

    [Fact]
    public async Task One_join_a_second_is_applied_and_the_last_join_within_the_second_is_applied_when_it_ends()
    {
        var (a, b, c) = ($"local-{Guid.NewGuid():N}", $"local-{Guid.NewGuid():N}", $"local-{Guid.NewGuid():N}");
        await using var watcherA = await Connect();
        await using var watcherB = await Connect();
        await using var watcherC = await Connect();
        await watcherA.Join(a);
        await watcherB.Join(b);
        await watcherC.Join(c);
        await using var mover = await Connect();
        await mover.Join(a);
        Assert.Equal("userJoinedRoom", (await watcherA.Receive())["message"]!.ToString());

        // Within the second of the join of a (the clock stands still): b waits, c replaces it, and
        // the mover is still in a, where its next message goes.
        await mover.Join(b, waitForConnected: false);
        await mover.Join(c, waitForConnected: false);
        await mover.Send(new { message = "still in a" });
        Assert.Equal("still in a", (await watcherA.Receive())["message"]!.ToString());

        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("connected", (await mover.Receive())["message"]!.ToString());
        Assert.Equal("userLeftRoom", (await watcherA.Receive())["message"]!.ToString());
        Assert.Equal("userJoinedRoom", (await watcherC.Receive())["message"]!.ToString());
        // b was never joined: its room's next message is one sent now, and the mover got one connected only.
        await watcherC.Send(new { message = "in c" });
        Assert.Equal("in c", (await mover.Receive())["message"]!.ToString());
        await using var inB = await Connect();
        await inB.Join(b);
        Assert.Equal("userJoinedRoom", (await watcherB.Receive())["message"]!.ToString());
        await inB.Send(new { message = "in b" });
        Assert.Equal("in b", (await watcherB.Receive())["message"]!.ToString());
    }

    [Fact]
    public async Task An_invalid_api_key_refuses_the_upgrade_with_401()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Connect("not-a-key"));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task A_frame_over_64_KiB_closes_the_socket_with_1009()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        await using var socket = await Connect();
        await socket.Join(space);

        await socket.SendText($$"""{"message":"big","data":"{{new string('x', 64 * 1024)}}"}""");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveClose());
    }

    [Fact]
    public async Task A_socket_that_reads_gets_every_message_though_together_they_are_more_than_its_outbox_holds()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        await using var sender = await Connect();
        await using var reader = await Connect();
        await sender.Join(space);
        await reader.Join(space);
        await sender.Receive();

        // 20 messages of 64 KiB are 2.5 MiB as .NET strings: each one sent gives its bytes back to the outbox's 1 MiB.
        for (var i = 0; i < 20; i++)
        {
            await sender.SendText(RoomSocket.MessageOfSize($"big {i}", RealtimeOptions.MaxMessageBytes));
            Assert.Equal($"big {i}", (await reader.Receive())["message"]!.ToString());
        }
    }

    [Fact]
    public async Task A_flooding_socket_is_cut_to_its_limit_and_the_others_are_not()
    {
        var (_, _, space) = await _client.SignUpWithSpace("open");
        var flooder = await Connect();
        await using var calm = await Connect();
        await using var receiver = await Connect();
        await flooder.Join(space);
        await calm.Join(space);
        await receiver.Join(space);

        // The clock stands still: the flooder's bucket of 60 (its join took one) never refills.
        for (var i = 0; i < 100; i++)
            await flooder.Send(new { message = "flood", i });
        await calm.Send(new { message = "calm" });
        await flooder.DisposeAsync();

        // The flooder's frames are handled in order, so its userLeftRoom comes after all of its messages.
        var (flood, calmSeen, flooderLeft) = (0, false, false);
        while (!calmSeen || !flooderLeft)
        {
            var message = (await receiver.Receive())["message"]!.ToString();
            flood += message == "flood" ? 1 : 0;
            calmSeen |= message == "calm";
            flooderLeft |= message == "userLeftRoom";
        }

        Assert.Equal(60 - 1, flood);
    }
}
