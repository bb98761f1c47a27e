using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §9: invites, the collaborator key, shared editing and rights that change at once.</summary>
[Collection(SharedApi.Name)]
public sealed class CollaboratorTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private Task<(string Key, string Id)> NewUser() => _client.NewUser();

    private Task<Answer> Send(HttpMethod method, string path, string? json, string? apiKey, string? spaceKey = null) =>
        _client.Send(method, path, json, apiKey, spaceKey: spaceKey);

    private Task<string> KeyOf(string space, string ownerKey) => _client.CollaboratorKey(space, ownerKey);

    private Task<Answer> Join(string space, string apiKey, string? spaceKey) => _client.JoinSpace(space, apiKey, spaceKey);

    [Fact]
    public async Task The_invite_flow_of_the_2020_client_lets_a_friend_edit_and_the_owner_see_it()
    {
        var (owner, ownerId) = await NewUser();
        var space = (await _client.CreateSpace(owner, "private", "Shared"))["id"]!.ToString();
        var key = await KeyOf(space, owner);
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", key);

        var (friend, friendId) = await NewUser();
        var joined = await Send(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{friendId}}"}""", friend, key);
        Assert.Equal(HttpStatusCode.OK, joined.Status);
        Assert.Equal([friendId], KinopioClient.IdsOf(joined.Json["collaborators"]));
        Assert.DoesNotContain(key, joined.Text);

        var edit = await _client.Send(HttpMethod.Post, "/operations", $$"""[{"name":"createCard","body":{"spaceId":"{{space}}","id":"from-friend","name":"hello"} }]""", friend);
        Assert.Empty(edit.Json["errors"]!.AsArray());
        var seen = (await _client.Get($"/space/{space}", owner)).Json;
        Assert.Equal(["from-friend"], KinopioClient.IdsOf(seen["cards"]));
        Assert.Equal(friendId, seen["cards"]![0]!["userId"]!.ToString());
        Assert.Equal([friendId], KinopioClient.IdsOf(seen["collaborators"]));

        var listed = (await _client.Get("/user/spaces", friend)).Json;
        Assert.Equal([space], KinopioClient.IdsOf(listed));
        Assert.Equal(ownerId, listed[0]!["userId"]!.ToString());
        Assert.Equal(key, await KeyOf(space, friend));
    }

    [Fact]
    public async Task Joining_refuses_a_wrong_key_an_unknown_space_and_someone_elses_user_id()
    {
        var (owner, _) = await NewUser();
        var space = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        var key = await KeyOf(space, owner);
        var (friend, _) = await NewUser();
        var (_, otherId) = await NewUser();

        (await Join(space, friend, "wrong")).IsError(HttpStatusCode.Unauthorized);
        (await Join(space, friend, null)).IsError(HttpStatusCode.Unauthorized);
        (await Join(space, friend, "[object Object]")).IsError(HttpStatusCode.Unauthorized);
        (await Join("no-such-space", friend, key)).IsError(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{otherId}}"}""", friend, key)).IsError(HttpStatusCode.Forbidden);
        (await Send(HttpMethod.Patch, "/space/collaborator", """{"userId":"x"}""", friend, key)).IsError(HttpStatusCode.BadRequest, "spaceId");
        (await Join(space, "not-a-key", key)).IsError(HttpStatusCode.Unauthorized);

        var ownerJoins = await Join(space, owner, key);
        Assert.Equal(HttpStatusCode.OK, ownerJoins.Status);
        Assert.Empty(ownerJoins.Json["collaborators"]!.AsArray());
    }

    [Fact]
    public async Task Removing_a_collaborator_rotates_the_key_so_the_old_invite_dies_and_leaving_does_not()
    {
        var (owner, _) = await NewUser();
        var space = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();
        var oldKey = await KeyOf(space, owner);
        var (friend, friendId) = await NewUser();
        var (other, otherId) = await NewUser();
        Assert.Equal(HttpStatusCode.OK, (await Join(space, friend, oldKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Join(space, other, oldKey)).Status);

        var left = await Send(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{otherId}}"}""", other);
        Assert.Equal(HttpStatusCode.OK, left.Status);
        Assert.Equal(oldKey, await KeyOf(space, owner));
        (await _client.Get($"/space/{space}", other)).IsError(HttpStatusCode.Unauthorized);
        Assert.Empty((await _client.Get("/user/spaces", other)).Json.AsArray());

        (await Send(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{friendId}}"}""", other)).IsError(HttpStatusCode.Unauthorized);
        var removed = await Send(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{friendId}}"}""", owner);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Empty(removed.Json["collaborators"]!.AsArray());
        var newKey = await KeyOf(space, owner);
        Assert.NotEqual(oldKey, newKey);

        (await Join(space, friend, oldKey)).IsError(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, $"/space/{space}", null, friend, oldKey)).IsError(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Join(space, friend, newKey)).Status);
    }

    [Fact]
    public async Task The_rights_of_section_9_2_hold_for_every_kind_of_caller()
    {
        foreach (var privacy in new[] { "open", "closed", "private" })
        {
            var (owner, _) = await NewUser();
            var (collaborator, _) = await NewUser();
            var (stranger, _) = await NewUser();
            var space = (await _client.CreateSpace(owner, privacy))["id"]!.ToString();
            var key = await KeyOf(space, owner);
            await Join(space, collaborator, key);
            await _client.Send(HttpMethod.Post, "/card", $$"""{"spaceId":"{{space}}","id":"owners"}""", owner);

            var callers = new (string Who, string? ApiKey, string? SpaceKey)[]
            {
                ("owner", owner, null), ("collaborator", collaborator, null), ("stranger", stranger, null),
                ("anonymous", null, null), ("stranger with the key", stranger, key), ("anonymous with the key", null, key),
            };
            foreach (var (who, apiKey, spaceKey) in callers)
            {
                var member = who is "owner" or "collaborator";
                var editor = member || who == "stranger with the key";
                var viewer = privacy != "private" || editor || who == "anonymous with the key";
                var signedIn = apiKey is not null;
                var at = $"{who} in a {privacy} space";

                Expect(at + ": view", viewer ? HttpStatusCode.OK : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Get, $"/space/{space}", null, apiKey, spaceKey));
                Expect(at + ": change the owner's card", !signedIn ? HttpStatusCode.Unauthorized : editor ? HttpStatusCode.OK : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Patch, "/card", $$"""{"spaceId":"{{space}}","id":"owners","name":"{{who}}"}""", apiKey, spaceKey));
                Expect(at + ": add a card", !signedIn ? HttpStatusCode.Unauthorized : editor || privacy == "open" ? HttpStatusCode.Created : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Post, "/card", $$"""{"spaceId":"{{space}}","name":"{{who}}"}""", apiKey, spaceKey));
                Expect(at + ": rename", !signedIn ? HttpStatusCode.Unauthorized : editor ? HttpStatusCode.OK : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Patch, "/space", $$"""{"id":"{{space}}","name":"by {{who}}"}""", apiKey, spaceKey));
                Expect(at + ": change privacy", !signedIn ? HttpStatusCode.Unauthorized : editor ? HttpStatusCode.OK : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Patch, "/space", $$"""{"id":"{{space}}","privacy":"{{privacy}}"}""", apiKey, spaceKey));
                Expect(at + ": read the key", !signedIn ? HttpStatusCode.Unauthorized : member ? HttpStatusCode.OK : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Get, $"/space/{space}/collaborator-key", null, apiKey, spaceKey));
                if (who == "owner")
                    continue;
                Expect(at + ": remove the space", !signedIn ? HttpStatusCode.Unauthorized : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Delete, "/space", $$"""{"id":"{{space}}"}""", apiKey, spaceKey));
                Expect(at + ": delete the space", !signedIn ? HttpStatusCode.Unauthorized : viewer ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized,
                    await Send(HttpMethod.Delete, "/space/permanent", $$"""{"id":"{{space}}"}""", apiKey, spaceKey));
            }

            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/space", $$"""{"id":"{{space}}"}""", owner)).Status);
            (await Send(HttpMethod.Get, $"/space/{space}", null, collaborator)).IsError(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/space/permanent", $$"""{"id":"{{space}}"}""", owner)).Status);
        }
    }

    private static void Expect(string what, HttpStatusCode expected, Answer answer) =>
        Assert.True(expected == answer.Status, $"{what}: expected {(int)expected}, got {(int)answer.Status} {answer.Text}");

    [Fact]
    public async Task A_key_counts_in_operations_only_for_its_own_space()
    {
        var (owner, _) = await NewUser();
        var shared = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();
        var other = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();
        var key = await KeyOf(shared, owner);
        var (stranger, _) = await NewUser();

        var answer = await Send(HttpMethod.Post, "/operations", $$"""
            [{"name":"createCard","body":{"spaceId":"{{shared}}","id":"in-shared"} },
             {"name":"createCard","body":{"spaceId":"{{other}}","id":"in-other"} }]
            """, stranger, key);

        Assert.Equal([0], answer.Json["operations"]!.AsArray().Select(entry => entry!["index"]!.GetValue<int>()));
        Assert.Equal(401, answer.Json["errors"]![0]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_invite_operation_joins_each_space_its_key_opens()
    {
        var (owner, _) = await NewUser();
        var first = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();
        var second = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        var (friend, friendId) = await NewUser();

        var answer = await _client.Send(HttpMethod.Post, "/operations", $$"""
            [{"name":"addCollaboratorToSpaces","body":[{"id":"{{first}}","collaboratorKey":"{{await KeyOf(first, owner)}}"},{"id":"{{second}}","collaboratorKey":"stale"}]}]
            """, friend);

        Assert.Equal(0, answer.Json["operations"]![0]!["index"]!.GetValue<int>());
        Assert.Equal(first, answer.Json["operations"]![0]!["id"]!.ToString());
        Assert.Equal(second, answer.Json["errors"]![0]!["id"]!.ToString());
        Assert.Equal(401, answer.Json["errors"]![0]!["status"]!.GetValue<int>());
        Assert.Equal([friendId], KinopioClient.IdsOf((await _client.Get($"/space/{first}", owner)).Json["collaborators"]));
        Assert.Equal([first], KinopioClient.IdsOf((await _client.Get("/user/spaces", friend)).Json));
    }

    [Fact]
    public async Task Deleting_a_user_or_a_space_ends_its_collaborations()
    {
        var (owner, _) = await NewUser();
        var space = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var gone = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var (friend, friendId) = await NewUser();
        var (leaving, _) = await NewUser();
        await Join(space, friend, await KeyOf(space, owner));
        await Join(gone, friend, await KeyOf(gone, owner));
        await Join(space, leaving, await KeyOf(space, owner));

        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: leaving);
        await _client.Send(HttpMethod.Delete, "/space/permanent", new { id = gone }, owner);

        Assert.Equal([friendId], KinopioClient.IdsOf((await _client.Get($"/space/{space}", owner)).Json["collaborators"]));
        Assert.Equal([space], KinopioClient.IdsOf((await _client.Get("/user/spaces", friend)).Json));
    }

    [Fact]
    public async Task A_collaborators_rename_reaches_the_owners_list()
    {
        var (owner, ownerId) = await NewUser();
        var space = (await _client.CreateSpace(owner, "closed", "before"))["id"]!.ToString();
        var (friend, _) = await NewUser();
        await Join(space, friend, await KeyOf(space, owner));
        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));

        var renamed = await _client.Send(HttpMethod.Patch, "/space", new { id = space, name = "renamed by a friend" }, friend);
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal(ownerId, renamed["userId"]);
        Assert.Equal(ownerId, renamed.Json["users"]![0]!["id"]!.ToString());

        await Poll.Until(async () => (await _client.Get("/user/spaces", owner)).Json[0]!["name"]!.ToString() == "renamed by a friend");
    }

    [Fact]
    public async Task The_owner_shuts_off_a_leaked_link_by_removing_anyone_and_a_leaving_collaborator_gets_the_space()
    {
        var (owner, _) = await NewUser();
        var space = (await _client.CreateSpace(owner, "private", "Leaky"))["id"]!.ToString();
        var leaked = await KeyOf(space, owner);
        var (friend, friendId) = await NewUser();
        await Join(space, friend, leaked);
        var (_, nobodyId) = await NewUser();

        var left = await Send(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{friendId}}"}""", friend);
        Assert.Equal(HttpStatusCode.OK, left.Status);
        Assert.Equal("Leaky", left["name"]);
        Assert.Empty(left.Json["collaborators"]!.AsArray());
        Assert.Equal(leaked, await KeyOf(space, owner));

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{nobodyId}}"}""", owner)).Status);
        Assert.NotEqual(leaked, await KeyOf(space, owner));
        (await Join(space, friend, leaked)).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_removed_space_takes_no_one_in()
    {
        var (owner, _) = await NewUser();
        var space = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        var key = await KeyOf(space, owner);
        await _client.Send(HttpMethod.Delete, "/space", new { id = space }, owner);
        var (friend, _) = await NewUser();

        (await Join(space, friend, key)).IsError(HttpStatusCode.Unauthorized);
        await _client.Send(HttpMethod.Patch, "/space/restore", new { id = space }, owner);
        Assert.Empty((await _client.Get($"/space/{space}", owner)).Json["collaborators"]!.AsArray());
    }
}
