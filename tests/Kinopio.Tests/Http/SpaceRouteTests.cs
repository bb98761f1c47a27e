using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §5 and the space lists of §4.2.</summary>
[Collection(SharedApi.Name)]
public sealed class SpaceRouteTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task Creating_a_space_answers_201_with_every_attribute_and_the_owner_as_its_only_user()
    {
        var user = await _client.SignUp();
        var answer = await _client.Send(HttpMethod.Post, "/space", new { name = "Hello, Kinopio!" }, user["apiKey"]!.ToString());

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var id = answer["id"]!;
        Assert.Equal(21, id.Length);
        Assert.Equal("Hello, Kinopio!", answer["name"]);
        Assert.Equal($"hello-kinopio-{id}", answer["url"]);
        Assert.Equal("closed", answer["privacy"]);
        Assert.Equal(user["id"]!.ToString(), answer["userId"]);
        Assert.Equal([user["id"]!.ToString()], KinopioClient.IdsOf(answer.Json["users"]));
        Assert.Empty(answer.Json["collaborators"]!.AsArray());
        Assert.False(answer.Json["isRemoved"]!.GetValue<bool>());
        Assert.Null(answer.Json["removedByUserId"]);
        Assert.NotNull(answer["createdAt"]);
        Assert.NotNull(answer["updatedAt"]);
    }

    [Fact]
    public async Task An_array_creates_every_space_keeping_client_ids_and_ignoring_read_only_attributes()
    {
        var key = await _client.NewUserKey();
        var mine = $"mine-{Guid.NewGuid():N}";
        var answer = await _client.Send(HttpMethod.Post, "/space", $$"""
            [{"id":"{{mine}}","name":"one","privacy":"open","userId":"someone-else","isRemoved":true,"cards":[{}]},
             {"id":"","name":"two"},
             {"name":"three","privacy":"private"}]
            """, key);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var spaces = answer.Json.AsArray();
        Assert.Equal(3, spaces.Count);
        Assert.Equal(mine, spaces[0]!["id"]!.ToString());
        Assert.False(spaces[0]!["isRemoved"]!.GetValue<bool>());
        Assert.NotEqual("someone-else", spaces[0]!["userId"]!.ToString());
        Assert.Equal(3, (await _client.Get("/user/spaces", key)).Json.AsArray().Count);
    }

    [Fact]
    public async Task A_taken_space_id_is_a_409_and_a_batch_with_one_is_not_created_at_all()
    {
        var key = await _client.NewUserKey();
        var taken = (await _client.CreateSpace(await _client.NewUserKey()))["id"]!.ToString();
        var fresh = $"fresh-{Guid.NewGuid():N}";

        (await _client.Send(HttpMethod.Post, "/space", new { id = taken, name = "mine now" }, key)).IsError(HttpStatusCode.Conflict, taken);
        (await _client.Send(HttpMethod.Post, "/space", new[] { new { id = fresh, name = "a" }, new { id = taken, name = "b" } }, key))
            .IsError(HttpStatusCode.Conflict, taken);

        Assert.Empty((await _client.Get("/user/spaces", key)).Json.AsArray());
        (await _client.Get($"/space/{fresh}", key)).IsError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Recreating_an_own_space_id_is_a_409_too()
    {
        var key = await _client.NewUserKey();
        var id = (await _client.CreateSpace(key))["id"]!.ToString();
        (await _client.Send(HttpMethod.Post, "/space", new { id, name = "again" }, key)).IsError(HttpStatusCode.Conflict, id);
    }

    [Theory]
    [InlineData("""{"privacy":"open"}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"name":"x","privacy":"secret"}""", "privacy")]
    [InlineData("""{"name":"x","id":"has space"}""", "id")]
    [InlineData("""[]""", "array")]
    [InlineData("""[{"name":"ok"},{"privacy":"open"}]""", "[1].name")]
    [InlineData("""[{"id":"dup","name":"a"},{"id":"dup","name":"b"}]""", "twice")]
    [InlineData("""7""", "space")]
    public async Task A_bad_create_is_a_400_naming_the_field_and_creates_nothing(string body, string mentions)
    {
        var key = await _client.NewUserKey();
        (await _client.Send(HttpMethod.Post, "/space", body, key)).IsError(HttpStatusCode.BadRequest, mentions);
        Assert.Empty((await _client.Get("/user/spaces", key)).Json.AsArray());
    }

    [Fact]
    public async Task At_most_100_spaces_in_one_create()
    {
        var key = await _client.NewUserKey();
        var tooMany = Enumerable.Range(0, 101).Select(i => new { name = $"space {i}" }).ToArray();
        (await _client.Send(HttpMethod.Post, "/space", tooMany, key)).IsError(HttpStatusCode.BadRequest, "100");

        var answer = await _client.Send(HttpMethod.Post, "/space", tooMany[..100], key);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(100, (await _client.Get("/user/spaces", key)).Json.AsArray().Count);
    }

    [Fact]
    public async Task Creating_a_space_needs_a_key()
    {
        (await _client.Send(HttpMethod.Post, "/space", new { name = "x" })).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Open_and_closed_spaces_are_viewable_by_anyone_with_empty_cards()
    {
        var owner = await _client.NewUserKey();
        foreach (var privacy in new[] { "open", "closed" })
        {
            var id = (await _client.CreateSpace(owner, privacy))["id"]!.ToString();
            foreach (var viewer in new[] { null, await _client.NewUserKey(), owner })
            {
                var answer = await _client.Get($"/space/{id}", viewer);
                Assert.Equal(HttpStatusCode.OK, answer.Status);
                Assert.Empty(answer.Json["cards"]!.AsArray());
                Assert.Empty(answer.Json["connections"]!.AsArray());
                Assert.Empty(answer.Json["connectionTypes"]!.AsArray());
                Assert.Single(answer.Json["users"]!.AsArray());
            }
        }
    }

    [Fact]
    public async Task A_private_space_is_viewable_by_its_owner_only_and_others_get_401()
    {
        var owner = await _client.NewUserKey();
        var id = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();

        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{id}", owner)).Status);
        (await _client.Get($"/space/{id}")).IsError(HttpStatusCode.Unauthorized);
        (await _client.Get($"/space/{id}", await _client.NewUserKey())).IsError(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("no-such-space")]
    [InlineData("bad%20id")]
    public async Task An_unknown_space_is_a_404(string id)
    {
        (await _client.Get($"/space/{id}")).IsError(HttpStatusCode.NotFound, "space");
        (await _client.Get($"/space/{id}", await _client.NewUserKey())).IsError(HttpStatusCode.NotFound, "space");
    }

    [Fact]
    public async Task The_owner_updates_name_and_privacy_and_the_url_follows()
    {
        var key = await _client.NewUserKey();
        var id = (await _client.CreateSpace(key))["id"]!.ToString();

        var answer = await _client.Send(HttpMethod.Patch, "/space", new { id, name = "New Name", privacy = "open" }, key);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("New Name", answer["name"]);
        Assert.Equal("open", answer["privacy"]);
        Assert.Equal($"new-name-{id}", answer["url"]);
        Assert.Equal("New Name", (await _client.Get($"/space/{id}"))["name"]);
        Assert.Equal("New Name", (await _client.Get("/user/spaces", key)).Json[0]!["name"]!.ToString());
    }

    [Fact]
    public async Task Others_get_403_on_a_viewable_space_401_on_a_private_one_and_404_on_none()
    {
        var owner = await _client.NewUserKey();
        var other = await _client.NewUserKey();
        var closed = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        var hidden = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();

        var edits = new (HttpMethod Method, string Path, Func<string, object> Body)[]
        {
            (HttpMethod.Patch, "/space", id => new { id, name = "mine" }),
            (HttpMethod.Delete, "/space", id => new { id }),
            (HttpMethod.Patch, "/space/restore", id => new { id }),
            (HttpMethod.Delete, "/space/permanent", id => new { id }),
        };
        foreach (var (method, path, body) in edits)
        {
            (await _client.Send(method, path, body(closed), other)).IsError(HttpStatusCode.Forbidden);
            (await _client.Send(method, path, body(hidden), other)).IsError(HttpStatusCode.Unauthorized);
            (await _client.Send(method, path, body("nothing-here"), other)).IsError(HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{closed}", owner)).Status);
        Assert.Equal(2, (await _client.Get("/user/spaces", owner)).Json.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"id":"ID","userId":"me"}""", "userId")]
    [InlineData("""{"id":"ID","isRemoved":true}""", "isRemoved")]
    [InlineData("""{"id":"ID","colour":"red"}""", "colour")]
    [InlineData("""{"id":"ID","privacy":"hidden"}""", "privacy")]
    [InlineData("""{"id":"ID","name":""}""", "name")]
    [InlineData("""{"name":"no id"}""", "id")]
    public async Task A_bad_space_update_is_a_400_and_changes_nothing(string body, string field)
    {
        var key = await _client.NewUserKey();
        var space = await _client.CreateSpace(key);
        var id = space["id"]!.ToString();

        (await _client.Send(HttpMethod.Patch, "/space", body.Replace("ID", id), key)).IsError(HttpStatusCode.BadRequest, field);

        Assert.Equal(space.ToJsonString(), (await _client.Get("/user/spaces", key)).Json[0]!.ToJsonString());
    }

    [Fact]
    public async Task Remove_restore_and_delete_move_a_space_between_the_lists()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var userId = user["id"]!.ToString();
        var id = (await _client.CreateSpace(key, "open"))["id"]!.ToString();

        var removed = await _client.Send(HttpMethod.Delete, "/space", new { id }, key);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.True(removed.Json["isRemoved"]!.GetValue<bool>());
        Assert.Equal(userId, removed["removedByUserId"]);
        Assert.Empty((await _client.Get("/user/spaces", key)).Json.AsArray());
        Assert.Equal([id], KinopioClient.IdsOf((await _client.Get("/user/removed-spaces", key)).Json));
        Assert.Empty((await _client.Get($"/user/public/{userId}")).Json["spaces"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{id}", key)).Status);
        (await _client.Get($"/space/{id}")).IsError(HttpStatusCode.NotFound);

        var restored = await _client.Send(HttpMethod.Patch, "/space/restore", new { id }, key);
        Assert.False(restored.Json["isRemoved"]!.GetValue<bool>());
        Assert.Null(restored.Json["removedByUserId"]);
        Assert.Equal([id], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
        Assert.Empty((await _client.Get("/user/removed-spaces", key)).Json.AsArray());

        await _client.Send(HttpMethod.Delete, "/space", new { id }, key);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Patch, $"/space/restore/{id}", apiKey: key)).Status);
        Assert.Equal([id], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));

        var deleted = await _client.Send(HttpMethod.Delete, "/space/permanent", new { id }, key);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(200, deleted.Json["status"]!.GetValue<int>());
        (await _client.Get($"/space/{id}", key)).IsError(HttpStatusCode.NotFound);
        Assert.Empty((await _client.Get("/user/spaces", key)).Json.AsArray());
        Assert.Empty((await _client.Get("/user/removed-spaces", key)).Json.AsArray());
        (await _client.Send(HttpMethod.Delete, "/space/permanent", new { id }, key)).IsError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task User_spaces_lists_the_newest_update_first()
    {
        var key = await _client.NewUserKey();
        var first = (await _client.CreateSpace(key))["id"]!.ToString();
        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await _client.CreateSpace(key))["id"]!.ToString();
        Assert.Equal([second, first], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));

        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        await _client.Send(HttpMethod.Patch, "/space", new { id = first, name = "touched" }, key);
        Assert.Equal([first, second], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
    }

    [Fact]
    public async Task The_public_user_lists_its_open_and_closed_spaces_only()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var open = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        var closed = (await _client.CreateSpace(key, "closed"))["id"]!.ToString();
        await _client.CreateSpace(key, "private");

        var spaces = KinopioClient.IdsOf((await _client.Get($"/user/public/{user["id"]}")).Json["spaces"]);
        Assert.Equal(new[] { closed, open }.Order(), spaces.Order());
    }

    [Fact]
    public async Task Parallel_creates_of_one_user_never_lose_a_space()
    {
        var key = await _client.NewUserKey();
        var created = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _client.CreateSpace(key)));

        var listed = KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json);
        Assert.Equal(created.Select(space => space["id"]!.ToString()).Order(), listed.Order());
    }

    [Fact]
    public async Task Deleting_the_account_deletes_its_spaces()
    {
        var key = await _client.NewUserKey();
        var id = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: key);

        (await _client.Get($"/space/{id}")).IsError(HttpStatusCode.NotFound);
    }
}
