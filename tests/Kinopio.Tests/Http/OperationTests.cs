using System.Net;
using System.Text.Json.Nodes;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §8.2: <c>POST /operations</c> as the 2020 web client sends it.</summary>
[Collection(SharedApi.Name)]
public sealed class OperationTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private async Task<JsonNode> Operations(string key, string operations)
    {
        var answer = await _client.Send(HttpMethod.Post, "/operations", operations, key);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    private static int[] Indexes(JsonNode answer, string list) => answer[list]!.AsArray().Select(entry => entry!["index"]!.GetValue<int>()).ToArray();

    private static JsonNode Error(JsonNode answer, int index) => answer["errors"]!.AsArray().Single(entry => entry!["index"]!.GetValue<int>() == index)!;

    [Fact]
    public async Task Every_item_operation_applies_in_order_and_names_what_it_acted_on()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var answer = await Operations(key, $$"""
            [{"name":"createCard","body":{"spaceId":"{{space}}","id":"a","name":"one"} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"b"} },
             {"name":"updateCard","body":{"spaceId":"{{space}}","id":"a","x":42,"name":"uno"} },
             {"name":"createConnectionType","body":{"spaceId":"{{space}}","id":"t","name":"blue"} },
             {"name":"updateConnectionType","body":{"spaceId":"{{space}}","id":"t","color":"#00f"} },
             {"name":"createConnection","body":{"spaceId":"{{space}}","id":"l","startCardId":"a","endCardId":"b","connectionTypeId":"t"} },
             {"name":"updateConnection","body":{"spaceId":"{{space}}","id":"l","labelIsVisible":true} },
             {"name":"removeCard","body":{"spaceId":"{{space}}","id":"b"} },
             {"name":"restoreRemovedCard","body":{"spaceId":"{{space}}","id":"b"} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"c"} },
             {"name":"removeCardPermanent","body":{"spaceId":"{{space}}","id":"c"} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"d"} },
             {"name":"removeConnection","body":{"spaceId":"{{space}}","id":"l"} },
             {"name":"removeConnectionType","body":{"spaceId":"{{space}}","id":"t"} }]
            """);

        Assert.Equal(Enumerable.Range(0, 14), Indexes(answer, "operations"));
        Assert.Empty(answer["errors"]!.AsArray());
        Assert.Equal(["a", "b", "a", "t", "t", "l", "l", "b", "b", "c", "c", "d", "l", "t"],
            answer["operations"]!.AsArray().Select(entry => entry!["id"]!.ToString()));
        var view = (await _client.Get($"/space/{space}", key)).Json;
        Assert.Equal(["a", "b", "d"], KinopioClient.IdsOf(view["cards"]));
        Assert.Equal("uno", view["cards"]![0]!["name"]!.ToString());
        Assert.Equal(42, view["cards"]![0]!["x"]!.GetValue<double>());
        Assert.False(view["cards"]![1]!["isRemoved"]!.GetValue<bool>());
        Assert.Empty(view["connections"]!.AsArray());
        Assert.Empty(view["connectionTypes"]!.AsArray());
        Assert.Equal(4, (await _client.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failing_operation_between_two_that_succeed_is_an_error_entry_with_its_routes_status()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var (_, _, privateSpace) = await _client.SignUpWithSpace("private");
        var (_, _, closedSpace) = await _client.SignUpWithSpace("closed");
        var answer = await Operations(key, $$"""
            [{"name":"createCard","body":{"spaceId":"{{space}}","id":"first"} },
             {"name":"updateCard","body":{"spaceId":"{{space}}","id":"first","x":"not a number"} },
             {"name":"createCard","body":{"spaceId":"unknown-space","id":"x"} },
             {"name":"createCard","body":{"spaceId":"{{privateSpace}}","id":"x"} },
             {"name":"createCard","body":{"spaceId":"{{closedSpace}}","id":"x"} },
             {"name":"createConnection","body":{"spaceId":"{{space}}","startCardId":"first","endCardId":"missing","connectionTypeId":"t"} },
             {"name":"removeCard","body":{"spaceId":"{{space}}","id":"first"} },
             {"name":"updateCard","body":{"spaceId":"{{space}}","id":"first","name":"over"} },
             {"name":"createCard","body":{"name":"no space"} },
             {"name":"teleportCard","body":{"spaceId":"{{space}}"} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"last"} }]
            """);

        Assert.Equal([0, 1, 6, 10], Indexes(answer, "operations"));
        Assert.Equal([2, 3, 4, 5, 7, 8, 9], Indexes(answer, "errors"));
        Assert.Equal(404, Error(answer, 2)["status"]!.GetValue<int>());
        Assert.Equal(401, Error(answer, 3)["status"]!.GetValue<int>());
        Assert.Equal(403, Error(answer, 4)["status"]!.GetValue<int>());
        Assert.Equal(400, Error(answer, 5)["status"]!.GetValue<int>());
        Assert.Contains("endCardId", Error(answer, 5)["message"]!.ToString());
        Assert.Equal(409, Error(answer, 7)["status"]!.GetValue<int>());
        Assert.Equal(400, Error(answer, 8)["status"]!.GetValue<int>());
        Assert.Contains("spaceId", Error(answer, 8)["message"]!.ToString());
        Assert.Equal(400, Error(answer, 9)["status"]!.GetValue<int>());
        Assert.Equal("teleportCard", Error(answer, 9)["name"]!.ToString());
        Assert.Equal(["first", "last"], KinopioClient.IdsOf((await _client.Get($"/space/{space}", key)).Json["cards"]));
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_and_nothing_is_applied()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var card = $$"""{"name":"createCard","body":{"spaceId":"{{space}}","id":"never"} }""";
        foreach (var body in new[] { "{}", "[]", $"[{card}, 5]", $"[{card}, {{\"body\":{{}}}}]", $"[{card}, {{\"name\":7}}]", "not json" })
            (await _client.Send(HttpMethod.Post, "/operations", body, key)).IsError(HttpStatusCode.BadRequest);
        Assert.Empty((await _client.Get($"/space/{space}", key)).Json["cards"]!.AsArray());
        (await _client.Send(HttpMethod.Post, "/operations", $"[{card}]")).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_batch_sent_again_after_a_lost_answer_changes_nothing_more_but_a_favorite_toggles_back()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var (_, otherId, _) = await _client.SignUpWithSpace();
        var batch = $$"""
            [{"name":"createCard","body":{"spaceId":"{{space}}","id":"a","name":"made"} },
             {"name":"updateCard","body":{"spaceId":"{{space}}","id":"a","x":7} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"b"} },
             {"name":"removeCard","body":{"spaceId":"{{space}}","id":"b"} },
             {"name":"createCard","body":{"spaceId":"{{space}}","id":"c"} },
             {"name":"removeCardPermanent","body":{"spaceId":"{{space}}","id":"c"} },
             {"name":"updateUser","body":{"description":"once"} },
             {"name":"addOrRemoveFavorite","body":{"type":"user","id":"{{otherId}}"} }]
            """;
        await Operations(key, batch);
        var first = (await _client.Get($"/space/{space}", key)).Text;
        var again = await Operations(key, batch);

        Assert.Equal([2], Indexes(again, "errors"));
        Assert.Equal(409, Error(again, 2)["status"]!.GetValue<int>());
        Assert.Equal(RemoveTimes(first), RemoveTimes((await _client.Get($"/space/{space}", key)).Text));
        var user = (await _client.Get("/user/favorites", key)).Json;
        Assert.Equal("once", user["description"]!.ToString());
        Assert.Empty(user["favoriteUsers"]!.AsArray());
        // a, b, c, then c once more: the re-sent batch made card c again before deleting it again.
        Assert.Equal(4, (await _client.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
    }

    /// <summary>The space's items without their timestamps (a re-sent update is applied again, with a new updatedAt).</summary>
    private static string RemoveTimes(string space)
    {
        var json = JsonNode.Parse(space)!.AsObject();
        foreach (var list in new[] { "cards", "connections", "connectionTypes" })
            foreach (var item in json[list]!.AsArray())
                item!.AsObject().Remove("updatedAt");
        json.Remove("updatedAt");
        return json.ToJsonString();
    }

    [Fact]
    public async Task Space_operations_act_on_body_id_and_the_user_operations_keep_their_order()
    {
        var (key, _, open) = await _client.SignUpWithSpace();
        var created = $"made-{Guid.NewGuid():N}";
        var answer = await Operations(key, $$"""
            [{"name":"createSpace","body":{"id":"{{created}}","name":"New space","privacy":"open","spaceId":"{{open}}",
               "cards":[{"id":"w1","name":"welcome"}],"connections":[],"connectionTypes":[]} },
             {"name":"addOrRemoveFavorite","body":{"type":"space","id":"{{created}}","spaceId":"{{open}}"} },
             {"name":"updateSpace","body":{"id":"{{created}}","name":"Renamed","spaceId":"{{open}}","cards":[]} },
             {"name":"removeSpace","body":{"id":"{{created}}","spaceId":"{{created}}"} },
             {"name":"addOrRemoveFavorite","body":{"type":"space","id":"{{created}}"} },
             {"name":"restoreRemovedSpace","body":{"id":"{{created}}"} },
             {"name":"updateUser","body":{"lastSpaceId":"{{created}}","emailIsVerified":true,"arenaAccessToken":"x","spaceId":"{{open}}"} }]
            """);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Indexes(answer, "operations"));
        var user = (await _client.Get("/user/favorites", key)).Json;
        Assert.Empty(user["favoriteSpaces"]!.AsArray());
        Assert.Equal(created, user["lastSpaceId"]!.ToString());
        Assert.False(user["emailIsVerified"]!.GetValue<bool>());
        var space = (await _client.Get($"/space/{created}", key)).Json;
        Assert.Equal("Renamed", space["name"]!.ToString());
        Assert.Equal(["w1"], KinopioClient.IdsOf(space["cards"]));
        Assert.Contains(created, KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));

        var deleted = await Operations(key, $$"""[{"name":"removeSpacePermanent","body":{"id":"{{created}}"} },{"name":"removeSpacePermanent","body":{"id":"{{created}}"} }]""");
        Assert.Equal([0, 1], Indexes(deleted, "operations"));
        (await _client.Get($"/space/{created}", key)).IsError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_spaces_taken_out_of_view_in_one_batch_are_both_changed_and_a_space_named_twice_takes_both()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var first = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        var second = (await _client.CreateSpace(key, "closed"))["id"]!.ToString();

        var answer = await Operations(key, $$"""
            [{"name":"removeSpace","body":{"id":"{{first}}"} },
             {"name":"updateSpace","body":{"id":"{{second}}","privacy":"private"} },
             {"name":"updateSpace","body":{"id":"{{second}}","name":"renamed twice"} }]
            """);

        Assert.Equal([0, 1, 2], Indexes(answer, "operations"));
        Assert.Equal([first], KinopioClient.IdsOf((await _client.Get("/user/removed-spaces", key)).Json));
        var listed = (await _client.Get("/user/spaces", key)).Json[0]!;
        Assert.Equal("private", listed["privacy"]!.ToString());
        Assert.Equal("renamed twice", listed["name"]!.ToString());
        Assert.Empty((await _client.Get($"/user/public/{user["id"]}")).Json["spaces"]!.AsArray());
    }

    [Fact]
    public async Task Update_space_with_only_updated_at_moves_it_to_the_top_of_the_users_spaces()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var older = (await _client.CreateSpace(key))["id"]!.ToString();
        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = (await _client.CreateSpace(key))["id"]!.ToString();
        Assert.Equal([newer, older], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));

        api.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        await Operations(key, $$"""[{"name":"updateSpace","body":{"id":"{{older}}","updatedAt":"2020-06-11T17:52:49.123Z","spaceId":"{{older}}"} }]""");

        Assert.Equal([older, newer], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
    }

    [Fact]
    public async Task The_clients_empty_invite_list_is_a_success_and_an_invite_is_refused_until_invites_exist()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var empty = await Operations(key, """[{"name":"addCollaboratorToSpaces","body":[]}]""");
        Assert.Equal([0], Indexes(empty, "operations"));
        Assert.Empty(empty["errors"]!.AsArray());
        Assert.Equal("""{"operations":[{"index":0,"name":"addCollaboratorToSpaces","id":null}],"errors":[]}""", empty.ToJsonString());

        var invite = await Operations(key, $$"""[{"name":"addCollaboratorToSpaces","body":[{"id":"{{space}}","collaboratorKey":"k"}]}]""");
        Assert.Equal([0], Indexes(invite, "errors"));
    }

    [Fact]
    public async Task A_batch_of_500_card_moves_is_one_request()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var creates = string.Join(",", Enumerable.Range(0, 500).Select(i => $$"""{"name":"createCard","body":{"spaceId":"{{space}}","id":"c{{i}}"} }"""));
        var moves = string.Join(",", Enumerable.Range(0, 500).Select(i => $$"""{"name":"updateCard","body":{"spaceId":"{{space}}","id":"c{{i}}","x":{{i}},"y":{{2 * i}}} }"""));

        Assert.Equal(500, Indexes(await Operations(key, $"[{creates}]"), "operations").Length);
        Assert.Equal(500, Indexes(await Operations(key, $"[{moves}]"), "operations").Length);

        var cards = (await _client.Get($"/space/{space}", key)).Json["cards"]!.AsArray();
        Assert.Equal(500, cards.Count);
        Assert.All(cards, card => Assert.Equal(2 * card!["x"]!.GetValue<double>(), card["y"]!.GetValue<double>()));
    }

    [Fact]
    public async Task The_batch_routes_take_bodies_over_1_MiB_and_the_others_do_not()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var text = new string('k', 3900);
        var big = "[" + string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"name":"createCard","body":{"spaceId":"{{space}}","id":"c{{i}}","name":"{{text}}"} }""")) + "]";
        Assert.True(big.Length > 1024 * 1024);

        Assert.Equal(400, Indexes(await Operations(key, big), "operations").Length);
        var cards = "[" + string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"spaceId":"{{space}}","id":"m{{i}}","name":"{{text}}"}""")) + "]";
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Patch, "/card/multiple", cards, key)).Status);
        (await _client.Send(HttpMethod.Post, "/card", cards, key)).IsError(HttpStatusCode.RequestEntityTooLarge);
        (await _client.Send(HttpMethod.Patch, "/user", $$"""{"description":"{{new string('d', 1024 * 1024)}}"}""", key)).IsError(HttpStatusCode.RequestEntityTooLarge);
    }
}
