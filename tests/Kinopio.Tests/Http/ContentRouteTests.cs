using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §7: cards, connections and connection types through the real pipeline.</summary>
[Collection(SharedApi.Name)]
public sealed class ContentRouteTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private Task<Answer> Post(string path, string json, string? key = null) => _client.Send(HttpMethod.Post, path, json, key);
    private Task<Answer> Patch(string path, string json, string key) => _client.Send(HttpMethod.Patch, path, json, key);
    private Task<Answer> Delete(string path, string json, string key) => _client.Send(HttpMethod.Delete, path, json, key);

    [Fact]
    public async Task A_created_card_has_every_attribute_its_extras_and_the_server_set_ones()
    {
        var (key, userId, space) = await _client.SignUpWithSpace();
        var card = await Post("/card", $$"""
            {"spaceId":"{{space}}","id":"card-1","name":"hello","x":10.5,"y":20,"z":3,"frameId":2,
             "backgroundColor":"#fff","isLocked":true,"resizeWidth":200,"linkToSpaceId":null,
             "userId":"someone","createdAt":"1999-01-01T00:00:00.000Z","isRemoved":true}
            """, key);

        Assert.Equal(HttpStatusCode.Created, card.Status);
        Assert.Equal("card-1", card["id"]);
        Assert.Equal(space, card["spaceId"]);
        Assert.Equal(userId, card["userId"]);
        Assert.Equal("hello", card["name"]);
        Assert.Equal(10.5, card.Json["x"]!.GetValue<double>());
        Assert.Equal(20, card.Json["y"]!.GetValue<double>());
        Assert.Equal(3, card.Json["z"]!.GetValue<double>());
        Assert.Equal(2, card.Json["frameId"]!.GetValue<int>());
        Assert.Equal("#fff", card["backgroundColor"]);
        Assert.True(card.Json["isLocked"]!.GetValue<bool>());
        Assert.Equal(200, card.Json["resizeWidth"]!.GetValue<int>());
        Assert.False(card.Json.AsObject().ContainsKey("linkToSpaceId"));
        Assert.False(card.Json["isRemoved"]!.GetValue<bool>());
        Assert.NotEqual("1999-01-01T00:00:00.000Z", card["createdAt"]);
        Assert.Equal(card.Text, (await _client.Get($"/card/card-1?spaceId={space}")).Text);
    }

    [Fact]
    public async Task A_card_without_coordinates_goes_below_the_last_updated_card_and_on_top()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var first = await Post("/card", $$"""{"spaceId":"{{space}}","name":"first"}""", key);
        Assert.Equal([100.0, 100.0, 1.0], new[] { "x", "y", "z" }.Select(axis => first.Json[axis]!.GetValue<double>()));

        await Post("/card", $$"""{"spaceId":"{{space}}","id":"moved","x":300,"y":40,"z":9}""", key);
        var next = await Post("/card", $$"""{"spaceId":"{{space}}","name":"next"}""", key);
        Assert.Equal([300.0, 100.0, 10.0], new[] { "x", "y", "z" }.Select(axis => next.Json[axis]!.GetValue<double>()));
    }

    [Fact]
    public async Task Creates_and_updates_are_upserts_and_an_extra_set_to_null_is_removed()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""{"spaceId":"{{space}}","id":"c","name":"one","tint":"red"}""", key);

        var retried = await Post("/card", $$"""{"spaceId":"{{space}}","id":"c","x":5}""", key);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal("one", retried["name"]);
        Assert.Equal("red", retried["tint"]);

        var updated = await Patch("/card", $$"""{"spaceId":"{{space}}","id":"c","tint":null,"name":"two"}""", key);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("two", updated["name"]);
        Assert.Equal(5, updated.Json["x"]!.GetValue<double>());
        Assert.False(updated.Json.AsObject().ContainsKey("tint"));

        var copied = await Patch("/card/multiple", $$"""[{"spaceId":"{{space}}","id":"copy-1","name":"copied"},{"spaceId":"{{space}}","id":"copy-2"}]""", key);
        Assert.Equal(HttpStatusCode.OK, copied.Status);
        Assert.Equal(["copy-1", "copy-2"], KinopioClient.IdsOf(copied.Json));
        Assert.Equal(["c", "copy-1", "copy-2"], KinopioClient.IdsOf((await _client.Get($"/space/{space}", key)).Json["cards"]));
    }

    [Fact]
    public async Task A_removed_card_is_listed_flagged_is_never_written_over_and_can_be_restored()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""[{"spaceId":"{{space}}","id":"a"},{"spaceId":"{{space}}","id":"b"}]""", key);

        var removed = await Delete("/card", $$"""{"spaceId":"{{space}}","id":"a"}""", key);
        Assert.True(removed.Json["isRemoved"]!.GetValue<bool>());
        Assert.Equal(["a"], KinopioClient.IdsOf((await _client.Get($"/space/{space}/removed-cards", key)).Json));
        Assert.Equal(["a"], KinopioClient.IdsOf((await _client.Get($"/space/{space}/removedCards", key)).Json));
        var cards = (await _client.Get($"/space/{space}", key)).Json["cards"]!.AsArray();
        Assert.Equal(["a", "b"], KinopioClient.IdsOf(cards));
        Assert.True(cards[0]!["isRemoved"]!.GetValue<bool>());

        (await Patch("/card", $$"""{"spaceId":"{{space}}","id":"a","name":"over"}""", key)).IsError(HttpStatusCode.Conflict, "removed", type: null);
        (await Post("/card", $$"""{"spaceId":"{{space}}","id":"a","name":"over"}""", key)).IsError(HttpStatusCode.Conflict, "removed", type: null);

        var restored = await Patch("/card/restore", $$"""{"spaceId":"{{space}}","id":"a"}""", key);
        Assert.False(restored.Json["isRemoved"]!.GetValue<bool>());
        Assert.Empty((await _client.Get($"/space/{space}/removed-cards", key)).Json.AsArray());
    }

    [Fact]
    public async Task A_permanently_deleted_card_takes_its_connections_with_it()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""[{"spaceId":"{{space}}","id":"a"},{"spaceId":"{{space}}","id":"b"},{"spaceId":"{{space}}","id":"c"}]""", key);
        await Post("/connection-type", $$"""{"spaceId":"{{space}}","id":"t","name":"blue","color":"#00f"}""", key);
        var made = await Post("/connection", $$"""
            [{"spaceId":"{{space}}","id":"ab","startCardId":"a","endCardId":"b","connectionTypeId":"t","path":"M 1 2"},
             {"spaceId":"{{space}}","id":"bc","startCardId":"b","endCardId":"c","connectionTypeId":"t"}]
            """, key);
        Assert.Equal(HttpStatusCode.Created, made.Status);

        var deleted = await Delete("/card/permanent", $$"""{"spaceId":"{{space}}","id":"a"}""", key);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(200, deleted.Json["status"]!.GetValue<int>());

        var view = (await _client.Get($"/space/{space}", key)).Json;
        Assert.Equal(["b", "c"], KinopioClient.IdsOf(view["cards"]));
        Assert.Equal(["bc"], KinopioClient.IdsOf(view["connections"]));
        Assert.Equal(["t"], KinopioClient.IdsOf(view["connectionTypes"]));
        (await _client.Get($"/connection/ab?spaceId={space}", key)).IsError(HttpStatusCode.NotFound, "connection");
        (await _client.Get($"/card/a?spaceId={space}", key)).IsError(HttpStatusCode.NotFound, "card");
    }

    [Fact]
    public async Task Connections_must_join_two_different_cards_of_their_space_and_name_a_type()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""[{"spaceId":"{{space}}","id":"a"},{"spaceId":"{{space}}","id":"b"}]""", key);

        (await Post("/connection", $$"""{"spaceId":"{{space}}","startCardId":"a","endCardId":"nope","connectionTypeId":"t"}""", key))
            .IsError(HttpStatusCode.BadRequest, "endCardId");
        (await Post("/connection", $$"""{"spaceId":"{{space}}","startCardId":"a","endCardId":"a","connectionTypeId":"t"}""", key))
            .IsError(HttpStatusCode.BadRequest, "endCardId");
        (await Post("/connection", $$"""{"spaceId":"{{space}}","startCardId":"a","endCardId":"b"}""", key))
            .IsError(HttpStatusCode.BadRequest, "connectionTypeId");
        (await Post("/connection-type", $$"""{"spaceId":"{{space}}","color":"#000"}""", key))
            .IsError(HttpStatusCode.BadRequest, "name");
        Assert.Empty((await _client.Get($"/space/{space}", key)).Json["connections"]!.AsArray());
    }

    [Fact]
    public async Task Connection_and_connection_type_routes_read_update_and_delete()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""[{"spaceId":"{{space}}","id":"a"},{"spaceId":"{{space}}","id":"b"}]""", key);
        await Post("/connection-type", $$"""{"spaceId":"{{space}}","id":"t","name":"blue"}""", key);
        await Post("/connection", $$"""{"spaceId":"{{space}}","id":"l","startCardId":"a","endCardId":"b","connectionTypeId":"t"}""", key);

        var label = await Patch("/connection", $$"""{"spaceId":"{{space}}","id":"l","labelIsVisible":true}""", key);
        Assert.True(label.Json["labelIsVisible"]!.GetValue<bool>());
        Assert.Equal("a", label["startCardId"]);
        var renamed = await Patch("/connection-type/multiple", $$"""[{"spaceId":"{{space}}","id":"t","name":"red","color":"#f00"}]""", key);
        Assert.Equal("red", renamed.Json[0]!["name"]!.ToString());
        Assert.Equal("#f00", (await _client.Get($"/connection-type/t?spaceId={space}"))["color"]);

        Assert.Equal(HttpStatusCode.OK, (await Delete("/connection", $$"""{"spaceId":"{{space}}","id":"l"}""", key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Delete("/connection-type", $$"""{"spaceId":"{{space}}","id":"t"}""", key)).Status);
        var view = (await _client.Get($"/space/{space}", key)).Json;
        Assert.Empty(view["connections"]!.AsArray());
        Assert.Empty(view["connectionTypes"]!.AsArray());
    }

    [Fact]
    public async Task Every_request_names_the_space()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        (await Post("/card", """{"name":"lost"}""", key)).IsError(HttpStatusCode.BadRequest, "spaceId");
        (await Post("/card", $$"""[{"spaceId":"{{space}}"},{"name":"lost"}]""", key)).IsError(HttpStatusCode.BadRequest, "[1].spaceId");
        (await _client.Get("/card/anything", key)).IsError(HttpStatusCode.BadRequest, "spaceId");
        (await Post("/card", $$"""[{"spaceId":"{{space}}"},{"spaceId":"other"}]""", key)).IsError(HttpStatusCode.BadRequest, "[1].spaceId");
    }

    [Fact]
    public async Task A_bad_item_in_a_batch_is_a_400_naming_its_index_and_field_and_nothing_is_applied()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var bad = new[]
        {
            ($$"""[{"spaceId":"{{space}}","id":"ok"},{"spaceId":"{{space}}","x":"left"}]""", "[1].x"),
            ($$"""[{"spaceId":"{{space}}","name":{"nested":true} }]""", "[0].name"),
            ($$"""[{"spaceId":"{{space}}","id":"has space"}]""", "[0].id"),
            ($$"""[{"spaceId":"{{space}}","tags":["a"]}]""", "[0].tags"),
            ($$"""[{"spaceId":"{{space}}","1bad":1}]""", "[0].1bad"),
            ($$"""[{"spaceId":"{{space}}","long":"{{new string('a', 4001)}}"}]""", "[0].long"),
            ($$"""[{"spaceId":"{{space}}","name":"{{new string('a', 4001)}}"}]""", "[0].name"),
            ($$"""[{"spaceId":"{{space}}","id":"twice"},{"spaceId":"{{space}}","id":"twice"}]""", "[1].id"),
        };
        foreach (var (body, field) in bad)
            (await Post("/card", body, key)).IsError(HttpStatusCode.BadRequest, field);
        var tooMany = "{" + string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"extra{i}\":{i}").Prepend($"\"spaceId\":\"{space}\"")) + "}";
        (await Post("/card", tooMany, key)).IsError(HttpStatusCode.BadRequest, "32 extra attributes");
        (await Post("/card", "[" + string.Join(",", Enumerable.Range(0, 101).Select(_ => $$"""{"spaceId":"{{space}}"}""")) + "]", key))
            .IsError(HttpStatusCode.BadRequest, "100");

        Assert.Empty((await _client.Get($"/space/{space}", key)).Json["cards"]!.AsArray());
        Assert.Equal(0, (await _client.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_multiple_routes_take_more_than_100_items_and_an_empty_array()
    {
        var (key, _, space) = await _client.SignUpWithSpace();
        var many = "[" + string.Join(",", Enumerable.Range(0, 250).Select(i => $$"""{"spaceId":"{{space}}","id":"m{{i}}"}""")) + "]";

        Assert.Equal(250, (await Patch("/card/multiple", many, key)).Json.AsArray().Count);
        var empty = await Patch("/card/multiple", "[]", key);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("[]", empty.Text);
        Assert.Equal(250, (await _client.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Checks_come_in_the_contract_order_401_then_400_then_404_401_403()
    {
        var (owner, _, privateSpace) = await _client.SignUpWithSpace("private");
        var (_, _, closedSpace) = await _client.SignUpWithSpace("closed");
        var stranger = await _client.NewUserKey();
        var card = """{"spaceId":"SPACE","name":"x"}""";

        (await Post("/card", "not json", "no-key")).IsError(HttpStatusCode.Unauthorized);
        (await Post("/card", "not json", stranger)).IsError(HttpStatusCode.BadRequest);
        (await Post("/card", card.Replace("SPACE", "unknown-space"), stranger)).IsError(HttpStatusCode.NotFound, "space");
        (await Post("/card", card.Replace("SPACE", privateSpace), stranger)).IsError(HttpStatusCode.Unauthorized, "private");
        (await Post("/card", card.Replace("SPACE", closedSpace), stranger)).IsError(HttpStatusCode.Forbidden);
        (await _client.Get($"/card/x?spaceId={privateSpace}")).IsError(HttpStatusCode.Unauthorized);
        (await _client.Get($"/space/{privateSpace}/removed-cards", stranger)).IsError(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, (await Post("/card", card.Replace("SPACE", privateSpace), owner)).Status);
    }

    [Fact]
    public async Task In_an_open_space_anyone_signed_in_adds_cards_and_changes_only_their_own()
    {
        var (owner, _, space) = await _client.SignUpWithSpace("open");
        var (guest, guestId, _) = await _client.SignUpWithSpace();
        await Post("/card", $$"""{"spaceId":"{{space}}","id":"owners"}""", owner);

        var added = await Post("/card", $$"""{"spaceId":"{{space}}","id":"guests","name":"hi"}""", guest);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(guestId, added["userId"]);
        Assert.Equal(HttpStatusCode.OK, (await Patch("/card", $$"""{"spaceId":"{{space}}","id":"guests","name":"edited"}""", guest)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Patch("/card", $$"""{"spaceId":"{{space}}","id":"guests","name":"owner may"}""", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Delete("/card", $$"""{"spaceId":"{{space}}","id":"guests"}""", guest)).Status);

        (await Patch("/card", $$"""{"spaceId":"{{space}}","id":"owners","name":"mine now"}""", guest)).IsError(HttpStatusCode.Forbidden);
        (await Delete("/card/permanent", $$"""{"spaceId":"{{space}}","id":"owners"}""", guest)).IsError(HttpStatusCode.Forbidden);
        (await Post("/card", $$"""{"spaceId":"{{space}}","name":"anonymous"}""")).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Items_of_a_removed_space_are_404_for_everyone_but_its_owner()
    {
        var (owner, _, space) = await _client.SignUpWithSpace("open");
        await Post("/card", $$"""{"spaceId":"{{space}}","id":"a"}""", owner);
        await _client.Send(HttpMethod.Delete, "/space", new { id = space }, owner);

        (await _client.Get($"/card/a?spaceId={space}")).IsError(HttpStatusCode.NotFound);
        (await Post("/card", $$"""{"spaceId":"{{space}}"}""", await _client.NewUserKey())).IsError(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/card/a?spaceId={space}", owner)).Status);
    }

    [Fact]
    public async Task Deleting_a_space_or_its_owner_deletes_its_content()
    {
        var (owner, _, space) = await _client.SignUpWithSpace();
        await Post("/card", $$"""{"spaceId":"{{space}}","id":"a"}""", owner);
        await _client.Send(HttpMethod.Delete, "/space/permanent", new { id = space }, owner);
        var again = await _client.Send(HttpMethod.Post, "/space", new { id = space, name = "same id again" }, owner);

        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Empty((await _client.Get($"/space/{space}", owner)).Json["cards"]!.AsArray());

        var (other, _, otherSpace) = await _client.SignUpWithSpace();
        await Post("/card", $$"""{"spaceId":"{{otherSpace}}","id":"b"}""", other);
        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: other);
        (await _client.Get($"/card/b?spaceId={otherSpace}")).IsError(HttpStatusCode.NotFound);
    }
}
