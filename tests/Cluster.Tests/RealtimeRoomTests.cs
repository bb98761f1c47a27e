using System.Diagnostics;
using Kinopio.Grains.Interfaces.Presence;
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

    /// <summary>
    /// Contract §11 across the cluster: 20 WebSockets per user and 20 per client address, counted
    /// wherever they are open (each socket a lease in the user's and the address's grain), not 20 on
    /// each front end. A closed socket frees its place on every front end.
    /// </summary>
    [PostgresFact]
    public async Task Twenty_sockets_per_user_and_per_address_count_on_every_front_end()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, apiCount: 2);
        var user = await cluster.Clients[0].SignUpAsync("sockets@example.com", "password-sockets");
        var userSockets = new List<RoomSocket>();
        var addressSockets = new List<RoomSocket>();
        try
        {
            // The user's 20 on front end 0, each from an address of its own (no address cap in the way).
            for (var i = 0; i < 20; i++)
                userSockets.Add(await RoomSocket.ConnectAsync(cluster.RealtimeUri(0, user.ApiKey), IPAddress.Parse($"127.0.1.{i + 1}")));
            await AssertRefused(cluster, frontEnd: 1, user.ApiKey, IPAddress.Parse("127.0.1.100"), "At most 20 WebSockets may be open per user");

            // An address's 20 anonymous ones on front end 0.
            var crowded = IPAddress.Parse("127.0.2.1");
            for (var i = 0; i < 20; i++)
                addressSockets.Add(await RoomSocket.ConnectAsync(cluster.RealtimeUri(0), crowded));
            await AssertRefused(cluster, frontEnd: 1, apiKey: null, crowded, "At most 20 WebSockets may be open per client address");

            // One of the user's closes on front end 0: front end 1 takes one more.
            await userSockets[0].CloseAsync();
            await Poll.UntilAsync("the closed socket's place to be free on the other front end", TimeSpan.FromSeconds(10), async () =>
            {
                var status = await UpgradeStatus(cluster, 1, user.ApiKey, IPAddress.Parse("127.0.1.101"));
                return status.Status == HttpStatusCode.SwitchingProtocols;
            });
        }
        finally
        {
            foreach (var socket in userSockets.Concat(addressSockets))
                await socket.DisposeAsync();
        }
    }

    private static async Task AssertRefused(KinopioCluster cluster, int frontEnd, string? apiKey, IPAddress source, string message)
    {
        var (status, retryAfter, body) = await UpgradeStatus(cluster, frontEnd, apiKey, source);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("1", retryAfter);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(429, json.GetProperty("status").GetInt32());
        Assert.Equal(message, json.GetProperty("message").GetString());
    }

    /// <summary>One upgrade to a front end's root, sent as plain HTTP (a 101 is closed at once): its status, Retry-After and body.</summary>
    private static async Task<(HttpStatusCode Status, string? RetryAfter, string Body)> UpgradeStatus(
        KinopioCluster cluster, int frontEnd, string? apiKey, IPAddress source)
    {
        using var http = LoopbackSource.Client(source);
        var path = apiKey is null ? "/" : $"/?apiKey={Uri.EscapeDataString(apiKey)}";
        using var response = await http.SendAsync(UpgradeRequests.To(cluster.ApiUri(frontEnd), path), HttpCompletionOption.ResponseHeadersRead);
        var body = response.StatusCode == HttpStatusCode.SwitchingProtocols ? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), body);
    }

    /// <summary>
    /// Issue 14, item 12, with a real <c>kill -9</c>: the silo that holds a room's grain dies. The grain
    /// comes back on the other silo knowing the room's front ends (their subscriptions are stored), so
    /// the socket on the other front end, which does nothing (and whose front end renews nothing
    /// during the test), hears the room again as soon as the sender is back in it (a sender whose
    /// relay failed meanwhile is closed with 1011 and rejoins, as the 2020 client does).
    /// </summary>
    [PostgresFact]
    public async Task When_the_silo_of_a_rooms_grain_is_killed_the_room_still_reaches_the_other_front_end()
    {
        // No renewal within the test: only the room grain's stored subscriptions can bring the listener's front end back.
        await using var cluster = await KinopioCluster.StartAsync(output, KinopioCluster.FastFailureDetection, apiCount: 2,
            apiSettings: new Dictionary<string, string> { ["Realtime__RenewEvery"] = "00:10:00" });
        var (a, b) = (await cluster.Clients[0].SignUpAsync("kill-a@example.com", "password-a"), await cluster.Clients[1].SignUpAsync("kill-b@example.com", "password-b"));
        var space = await cluster.Clients[0].CreateSpaceAsync(a.ApiKey, "Survives", "open");
        var sender = await RoomSocket.ConnectAsync(cluster.RealtimeUri(0, a.ApiKey));
        await sender.JoinAsync(space, claimedUser: new { id = a.Id });
        await using var listener = await RoomSocket.ConnectAsync(cluster.RealtimeUri(1, b.ApiKey));
        await listener.JoinAsync(space, claimedUser: new { id = b.Id });
        Assert.Equal("userJoinedRoom", (await sender.ReceiveJsonAsync()).GetProperty("message").GetString());

        var host = await InTestClient.UseAsync(cluster, async (client, timeout) =>
            await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<ISpaceRoomGrain>(space)));
        var doomed = cluster.SiloIndexOf(host!.Endpoint.Port);
        output.WriteLine($"the room's grain is on silo{doomed} ({host}): killing it");
        cluster.KillSilo(doomed);
        await Poll.UntilAsync("the killed silo declared Dead", TimeSpan.FromSeconds(60),
            async () => await cluster.SiloStatusAsync(doomed) == KinopioCluster.SiloStatusDead);

        // The sender keeps talking (rejoining when its socket was closed); the listener only listens.
        var heard = ListenFor(listener, "after the kill");
        var clock = Stopwatch.StartNew();
        var rejoins = 0;
        for (var n = 0; !heard.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30); n++)
        {
            try
            {
                await sender.SendAsync($$"""{"message":"updateUserPresence","note":"after the kill {{n}}"}""");
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                await sender.DisposeAsync();
                try
                {
                    sender = await RoomSocket.ConnectAsync(cluster.RealtimeUri(0, a.ApiKey));
                    await sender.JoinAsync(space, claimedUser: new { id = a.Id });
                    rejoins++;
                }
                catch (Exception again) when (again is WebSocketException or TimeoutException or Xunit.Sdk.XunitException)
                {
                    output.WriteLine($"rejoining failed ({again.GetType().Name}: {again.Message}); trying again");
                    await sender.DisposeAsync(); // the next send fails at once, and rejoins
                }
            }
            await Task.WhenAny(heard, Task.Delay(TimeSpan.FromMilliseconds(500)));
        }

        await sender.DisposeAsync();
        Assert.True(heard.IsCompletedSuccessfully, $"the listener on the other front end heard nothing of the room for {clock.Elapsed.TotalSeconds:0} s after the kill");
        output.WriteLine($"heard \"{await heard}\" {clock.Elapsed.TotalSeconds:0.0} s after the silo was declared dead; the sender rejoined {rejoins} time(s)");
    }

    /// <summary>Receives until a message holding <paramref name="marker"/> comes (others, like joins, are passed over).</summary>
    private static async Task<string> ListenFor(RoomSocket socket, string marker)
    {
        while (true)
        {
            var text = Encoding.UTF8.GetString(await socket.ReceiveBytesAsync(TimeSpan.FromSeconds(60)));
            if (text.Contains(marker))
                return text;
        }
    }

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
