using System.Net;
using System.Text.Json.Nodes;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §6 and GET /user/current-public-spaces: who is present in which open space.</summary>
[Collection(SharedApi.Name)]
public sealed class PresenceTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private async Task<JsonNode?> Listed(string userId)
    {
        var answer = await _client.Get("/user/current-public-spaces");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.AsArray().SingleOrDefault(item => item!["id"]!.ToString() == userId);
    }

    [Fact]
    public async Task A_signed_in_socket_in_an_open_room_is_listed_until_it_leaves()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var userId = user["id"]!.ToString();
        var space = await _client.CreateSpace(key, "open", "Open Studio");
        var spaceId = space["id"]!.ToString();

        var socket = await RoomSocket.Connect(api.Host.Server, key);
        await socket.Join(spaceId);

        var listed = await Listed(userId);
        Assert.NotNull(listed);
        Assert.Equal(user["name"]!.ToString(), listed["name"]!.ToString());
        Assert.Null(listed["email"]);
        Assert.Equal(spaceId, listed["currentPublicSpace"]!["id"]!.ToString());
        Assert.Equal("Open Studio", listed["currentPublicSpace"]!["name"]!.ToString());
        Assert.Equal(space["url"]!.ToString(), listed["currentPublicSpace"]!["url"]!.ToString());
        Assert.Equal(spaceId, (await _client.Get("/user", key))["currentPublicSpaceId"]);

        await socket.DisposeAsync();
        await WaitUntilNotListed(userId);
        Assert.Null((await _client.Get("/user", key)).Json["currentPublicSpaceId"]);
    }

    [Fact]
    public async Task Closed_and_private_rooms_are_not_listed()
    {
        var key = await _client.NewUserKey();
        var userId = (await _client.Get("/user", key))["id"]!;
        await using var closed = await RoomSocket.Connect(api.Host.Server, key);
        await closed.Join((await _client.CreateSpace(key, "closed"))["id"]!.ToString());
        await using var hidden = await RoomSocket.Connect(api.Host.Server, key);
        await hidden.Join((await _client.CreateSpace(key, "private"))["id"]!.ToString());

        Assert.Null(await Listed(userId));
    }

    [Fact]
    public async Task An_anonymous_socket_claiming_someones_id_makes_nobody_present()
    {
        var victim = await _client.SignUp();
        var victimId = victim["id"]!.ToString();
        var space = (await _client.CreateSpace(victim["apiKey"]!.ToString(), "open"))["id"]!.ToString();

        await using var spoofer = await RoomSocket.Connect(api.Host.Server);
        await spoofer.Join(space, claimedUser: new { id = victimId, name = victim["name"]!.ToString() });

        Assert.Null(await Listed(victimId));
    }

    [Fact]
    public async Task A_signed_in_read_of_an_open_space_counts_for_60_seconds()
    {
        var owner = await _client.NewUserKey();
        var space = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var viewer = await _client.SignUp();

        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{space}", viewer["apiKey"]!.ToString())).Status);
        Assert.Equal(space, (await Listed(viewer["id"]!.ToString()))?["currentPublicSpace"]?["id"]?.ToString());

        api.Host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await Listed(viewer["id"]!.ToString()));
        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Listed(viewer["id"]!.ToString()));
    }

    [Fact]
    public async Task An_edit_counts_and_the_latest_visit_names_the_space()
    {
        var key = await _client.NewUserKey();
        var userId = (await _client.Get("/user", key))["id"]!;
        var first = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        var second = (await _client.CreateSpace(key, "open"))["id"]!.ToString();

        await _client.Send(HttpMethod.Patch, "/space", new { id = first, name = "edited" }, key);
        Assert.Equal(first, (await Listed(userId))!["currentPublicSpace"]!["id"]!.ToString());
        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        await _client.Get($"/space/{second}", key);
        Assert.Equal(second, (await Listed(userId))!["currentPublicSpace"]!["id"]!.ToString());
    }

    [Fact]
    public async Task A_space_made_private_leaves_the_listing()
    {
        var key = await _client.NewUserKey();
        var userId = (await _client.Get("/user", key))["id"]!;
        var space = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        await _client.Get($"/space/{space}", key);
        Assert.NotNull(await Listed(userId));

        await _client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "private" }, key);

        Assert.Null(await Listed(userId));
    }

    /// <summary>Leaving is processed when the server sees the close; poll the listing with a deadline (no timing is asserted).</summary>
    private async Task WaitUntilNotListed(string userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Listed(userId) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{userId} is still listed");
            await Task.Delay(20);
        }
    }
}
