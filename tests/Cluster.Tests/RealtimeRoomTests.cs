using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Issue 6, contract §6: a realtime room spans the Api front ends of one cluster. Two Api processes
/// on two silos; the sockets are real WebSockets to each front end's root.
/// </summary>
public sealed class RealtimeRoomTests(ITestOutputHelper output)
{
    /// <summary>How long a socket's leave may take to reach the listing (its UserGrain hears of it after the room does).</summary>
    private static readonly TimeSpan LeaveDeadline = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task Two_front_ends_share_a_room_relay_both_ways_without_echo_and_list_who_is_present()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, apiCount: 2);
        var (api0, api1) = (cluster.Clients[0], cluster.Clients[1]);
        var a = await api0.SignUpAsync("a@example.com", "password-a");
        var b = await api1.SignUpAsync("b@example.com", "password-b");
        var space = await api0.CreateSpaceAsync(a.ApiKey, "Shared", "open");

        await using var socketA = await RoomSocket.ConnectAsync(cluster.RealtimeUri(0, a.ApiKey));
        await socketA.JoinAsync(space, claimedUser: new { id = a.Id, name = "A" });
        await using var socketB = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, b.ApiKey));
        // B claims to be A: a socket with a key is its key's user, whatever it claims.
        await socketB.JoinAsync(space, claimedUser: new { id = a.Id, name = "not really A" });

        // api1 → the room's grain → api0.
        var joined = await socketA.ReceiveJsonAsync();
        Assert.Equal("userJoinedRoom", joined.GetProperty("message").GetString());
        AssertPublicUser(b.Id, joined.GetProperty("user"));

        const string cursor = """{"message":"updateUserPresence","updates":{"cursor":{"x":1,"y":2}},"user":{"id":"b"},"n":[1.50,null,"é"]}""";
        await socketB.SendAsync(cursor);
        Assert.Equal(Encoding.UTF8.GetBytes(cursor), await socketA.ReceiveBytesAsync());

        // api0 → api1. Had B's cursor come back to B (from its own front end at once, or through the
        // grain before A's answer), it would be B's next message instead of A's answer.
        const string answer = """{"message":"updateUserPresence","updates":{"cursor":{"x":3,"y":4}},"user":{"id":"a"}}""";
        await socketA.SendAsync(answer);
        Assert.Equal(Encoding.UTF8.GetBytes(answer), await socketB.ReceiveBytesAsync());

        // Exactly the two signed-in users, in the open space, whichever front end is asked.
        foreach (var frontEnd in cluster.Clients)
            AssertListed(await frontEnd.GetCurrentPublicSpacesAsync(), space, "Shared", a.Id, b.Id);

        await socketB.CloseAsync();
        var left = await socketA.ReceiveJsonAsync();
        Assert.Equal("userLeftRoom", left.GetProperty("message").GetString());
        AssertPublicUser(b.Id, left.GetProperty("user"));

        await Poll.UntilAsync("B gone from GET /user/current-public-spaces", LeaveDeadline, async () =>
            ListedIds(await api1.GetCurrentPublicSpacesAsync()).SequenceEqual([a.Id]));
        AssertListed(await api0.GetCurrentPublicSpacesAsync(), space, "Shared", a.Id);
    }

    [PostgresFact]
    public async Task A_private_room_closes_the_socket_of_whoever_may_not_view_it_on_another_front_end_with_1008()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, apiCount: 2);
        var (api0, api1) = (cluster.Clients[0], cluster.Clients[1]);
        var owner = await api0.SignUpAsync("owner@example.com", "password-owner");
        var stranger = await api1.SignUpAsync("stranger@example.com", "password-stranger");
        var space = await api0.CreateSpaceAsync(owner.ApiKey, "Private", "private");

        // An anonymous socket that claims to be the owner, and a signed-in stranger.
        foreach (var apiKey in new[] { null, stranger.ApiKey })
        {
            await using var refused = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, apiKey));
            await refused.SendAsync(JsonSerializer.Serialize(new { message = "joinSpaceRoom", space = new { id = space }, user = new { id = owner.Id } }));
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, await refused.ReceiveCloseAsync());
        }

        // The owner may, through the same front end; a private space is present but never listed.
        await using var ownSocket = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, owner.ApiKey));
        await ownSocket.JoinAsync(space, claimedUser: new { id = owner.Id });
        Assert.Empty(ListedIds(await api0.GetCurrentPublicSpacesAsync()));
    }

    [PostgresFact]
    public async Task A_space_turned_private_closes_on_every_front_end_the_sockets_that_may_no_longer_view_it_before_any_later_message()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, apiCount: 2);
        var (api0, api1) = (cluster.Clients[0], cluster.Clients[1]);
        var owner = await api0.SignUpAsync("evicting-owner@example.com", "password-owner");
        var stranger = await api1.SignUpAsync("evicted-stranger@example.com", "password-stranger");
        var space = await api0.CreateSpaceAsync(owner.ApiKey, "Soon private", "open");

        await using var ownerHere = await RoomSocket.ConnectAsync(cluster.RealtimeUri(0, owner.ApiKey));
        await ownerHere.JoinAsync(space, claimedUser: new { id = owner.Id });
        // On the other front end: the owner's second tab (it stays), a signed-in stranger and an anonymous socket (both evicted).
        await using var ownerThere = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, owner.ApiKey));
        await ownerThere.JoinAsync(space, claimedUser: new { id = owner.Id });
        await using var strangerThere = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, stranger.ApiKey));
        await strangerThere.JoinAsync(space, claimedUser: new { id = stranger.Id });
        await using var anonymousThere = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1));
        await anonymousThere.JoinAsync(space, claimedUser: new { id = "anonymous" });
        // What the joins told the others is read off, so each socket's next frame is what comes after the eviction.
        for (var joined = 0; joined < 3; joined++)
            Assert.Equal("userJoinedRoom", (await ownerHere.ReceiveJsonAsync()).GetProperty("message").GetString());
        for (var joined = 0; joined < 2; joined++)
            Assert.Equal("userJoinedRoom", (await ownerThere.ReceiveJsonAsync()).GetProperty("message").GetString());
        Assert.Equal("userJoinedRoom", (await strangerThere.ReceiveJsonAsync()).GetProperty("message").GetString());

        var turned = await api0.SendAsync(HttpMethod.Patch, "/space", JsonSerializer.Serialize(new { id = space, privacy = "private" }), owner.ApiKey);
        Assert.Equal(HttpStatusCode.OK, turned.Status);
        const string afterEviction = """{"message":"updateUserPresence","secret":"after the eviction"}""";
        await ownerHere.SendAsync(afterEviction);

        // The owner's other tab gets the message (it did cross the front ends); the evicted sockets' first frame is the close.
        var next = await ownerThere.ReceiveJsonAsync();
        while (next.GetProperty("message").GetString() == "userLeftRoom")
            next = await ownerThere.ReceiveJsonAsync();
        Assert.Equal(afterEviction, next.GetRawText());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await strangerThere.ReceiveCloseAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await anonymousThere.ReceiveCloseAsync());
    }

    private static void AssertPublicUser(string userId, JsonElement user)
    {
        Assert.Equal(userId, user.GetProperty("id").GetString());
        Assert.False(user.TryGetProperty("email", out _), $"a public user shows no email: {user}");
        Assert.False(user.TryGetProperty("apiKey", out _), $"a public user shows no apiKey: {user}");
    }

    private static void AssertListed(JsonElement listing, string spaceId, string spaceName, params string[] userIds)
    {
        Assert.Equal(userIds.Order(), ListedIds(listing).Order());
        foreach (var user in listing.EnumerateArray())
        {
            AssertPublicUser(user.GetProperty("id").GetString()!, user);
            var current = user.GetProperty("currentPublicSpace");
            Assert.Equal(spaceId, current.GetProperty("id").GetString());
            Assert.Equal(spaceName, current.GetProperty("name").GetString());
        }
    }

    private static string[] ListedIds(JsonElement listing) =>
        [.. listing.EnumerateArray().Select(user => user.GetProperty("id").GetString()!)];
}
