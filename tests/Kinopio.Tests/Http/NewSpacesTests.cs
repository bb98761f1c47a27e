using System.Net;
using Kinopio.Grains.Hosting;
using Kinopio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>
/// Contract §10: <c>GET /space/new-spaces</c>. The list is the server's, so this class has a server
/// of its own and each test looks at its own spaces (or at the whole list where its spaces are
/// all the newest). The list is cached for <see cref="ExploreOptions.CacheFor"/>: tests move the fake clock past it.
/// </summary>
public sealed class NewSpacesTests(SharedApi api) : IClassFixture<SharedApi>
{
    private static readonly TimeSpan CacheFor = new ExploreOptions().CacheFor;
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task It_lists_explorable_open_and_closed_spaces_that_are_not_removed_newest_first()
    {
        var key = await _client.NewUserKey();
        var open = await Explorable(key, "open");
        var closed = await Explorable(key, "closed");
        var hidden = await Explorable(key, "private");
        var removed = await Explorable(key);
        await _client.Send(HttpMethod.Delete, "/space", new { id = removed }, key);
        var unlisted = (await _client.CreateSpace(key, "open"))["id"]!.ToString();

        var answer = await Fresh();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal([closed, open], Mine(answer, open, closed, hidden, removed, unlisted));
        var summary = answer.Json.AsArray().Single(space => space!["id"]!.ToString() == closed)!;
        Assert.True(summary["showInExplore"]!.GetValue<bool>());
        Assert.Equal("closed", summary["privacy"]!.ToString());
        Assert.NotNull(summary["users"]![0]!["name"]);
        Assert.Null(summary["cards"]);
    }

    [Fact]
    public async Task Being_made_explorable_or_renamed_moves_a_space_to_the_front_and_other_changes_do_not()
    {
        var key = await _client.NewUserKey();
        var first = await Explorable(key);
        var second = await Explorable(key);
        var later = (await _client.CreateSpace(key))["id"]!.ToString();
        Assert.Equal([second, first], Mine(await Fresh(), first, second, later));

        await _client.Send(HttpMethod.Patch, "/space", new { id = later, showInExplore = true }, key);
        Assert.Equal([later, second, first], Mine(await Fresh(), first, second, later));

        await _client.Send(HttpMethod.Patch, "/space", new { id = first, name = "renamed" }, key);
        await _client.Send(HttpMethod.Patch, "/space", new { id = second, privacy = "open" }, key);
        var answer = await Fresh();
        Assert.Equal([first, later, second], Mine(answer, first, second, later));
        Assert.Equal("renamed", answer.Json[0]!["name"]!.ToString());
        Assert.Equal("open", answer.Json[2]!["privacy"]!.ToString());
    }

    [Fact]
    public async Task A_newly_listed_space_shows_up_once_the_cached_list_is_older_than_the_cache_period()
    {
        var key = await _client.NewUserKey();
        await Fresh();
        var space = await Explorable(key);

        Assert.DoesNotContain(space, KinopioClient.IdsOf((await _client.Get("/space/new-spaces")).Json));
        api.Host.Clock.Advance(CacheFor - TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(space, KinopioClient.IdsOf((await _client.Get("/space/new-spaces")).Json));
        api.Host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(space, KinopioClient.IdsOf((await _client.Get("/space/new-spaces")).Json)[0]);
    }

    [Theory]
    [InlineData("made private")]
    [InlineData("no longer shown")]
    [InlineData("removed")]
    [InlineData("deleted")]
    [InlineData("owner deleted")]
    public async Task A_space_that_stops_being_explorable_leaves_at_once(string change)
    {
        var key = await _client.NewUserKey();
        var space = await Explorable(key, "open");
        var other = await Explorable(await _client.NewUserKey());
        Assert.Equal([other, space], Mine(await Fresh(), space, other));

        var answer = change switch
        {
            "made private" => await _client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "private" }, key),
            "no longer shown" => await _client.Send(HttpMethod.Patch, "/space", new { id = space, showInExplore = false }, key),
            "removed" => await _client.Send(HttpMethod.Delete, "/space", new { id = space }, key),
            "deleted" => await _client.Send(HttpMethod.Delete, "/space/permanent", new { id = space }, key),
            _ => await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: key),
        };
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        Assert.Equal([other], Mine(await _client.Get("/space/new-spaces"), space, other));
        Assert.Equal([other], Mine(await Fresh(), space, other));
    }

    [Fact]
    public async Task A_restored_space_that_is_still_shown_comes_back_at_the_front()
    {
        var key = await _client.NewUserKey();
        var space = await Explorable(key);
        var other = await Explorable(key);
        await _client.Send(HttpMethod.Delete, "/space", new { id = space }, key);
        Assert.Equal([other], Mine(await Fresh(), space, other));

        await _client.Send(HttpMethod.Patch, "/space/restore", new { id = space }, key);

        Assert.Equal([space, other], Mine(await Fresh(), space, other));
    }

    [Fact]
    public async Task It_shows_the_30_newest_and_a_space_leaving_lets_the_31st_back_in()
    {
        var key = await _client.NewUserKey();
        var spaces = new List<string>();
        for (var i = 0; i < 31; i++)
            spaces.Add(await Explorable(key));
        var newestFirst = Enumerable.Reverse(spaces).ToArray();

        Assert.Equal(newestFirst[..30], KinopioClient.IdsOf((await Fresh()).Json));

        await _client.Send(HttpMethod.Patch, "/space", new { id = newestFirst[0], showInExplore = false }, key);
        Assert.Equal(newestFirst[1..], KinopioClient.IdsOf((await Fresh()).Json));
    }

    [Fact]
    public async Task The_list_survives_a_restart()
    {
        var path = ApiHost.NewDatabasePath();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string first, second;
        await using (var before = new ApiHost(path, clock))
        {
            var client = new KinopioClient(before.CreateClient());
            var key = await client.NewUserKey();
            first = await Explorable(client, key);
            second = await Explorable(client, key);
        }

        await using var after = new ApiHost(path, clock);
        Assert.Equal([second, first], KinopioClient.IdsOf((await new KinopioClient(after.CreateClient()).Get("/space/new-spaces")).Json));
    }

    private Task<string> Explorable(string key, string privacy = "closed") => Explorable(_client, key, privacy);

    private static async Task<string> Explorable(KinopioClient client, string key, string privacy = "closed")
    {
        var answer = await client.Send(HttpMethod.Post, "/space", new { name = $"space {Guid.NewGuid():N}", privacy, showInExplore = true }, key);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer["id"]!;
    }

    /// <summary>The list once the cached one is too old.</summary>
    private Task<Answer> Fresh()
    {
        api.Host.Clock.Advance(CacheFor);
        return _client.Get("/space/new-spaces");
    }

    /// <summary>The listed ids among <paramref name="mine"/>, in the list's order.</summary>
    private static string[] Mine(Answer list, params string[] mine) => KinopioClient.IdsOf(list.Json).Where(mine.Contains).ToArray();
}
