using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §4.2: PATCH /user/favorites (a toggle) and GET /user/favorites.</summary>
[Collection(SharedApi.Name)]
public sealed class FavoriteTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private Task<Answer> Toggle(string key, string type, string id) =>
        _client.Send(HttpMethod.Patch, "/user/favorites", new { type, id }, key);

    [Fact]
    public async Task Toggling_adds_then_removes_a_favorite_user_and_space()
    {
        var key = await _client.NewUserKey();
        var other = await _client.SignUp();
        var otherId = other["id"]!.ToString();
        var space = (await _client.CreateSpace(other["apiKey"]!.ToString(), "open"))["id"]!.ToString();

        var added = await Toggle(key, "user", otherId);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.True(added.Json["isFavorite"]!.GetValue<bool>());
        Assert.Equal([otherId], KinopioClient.IdsOf(added.Json["favoriteUsers"]));

        var both = await Toggle(key, "space", space);
        Assert.Equal([space], KinopioClient.IdsOf(both.Json["favoriteSpaces"]));
        Assert.Equal([otherId], KinopioClient.IdsOf(both.Json["favoriteUsers"]));

        var removed = await Toggle(key, "user", otherId);
        Assert.False(removed.Json["isFavorite"]!.GetValue<bool>());
        Assert.Empty(removed.Json["favoriteUsers"]!.AsArray());
        Assert.Equal([space], KinopioClient.IdsOf(removed.Json["favoriteSpaces"]));
    }

    [Fact]
    public async Task Get_favorites_is_the_private_user_plus_both_lists()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var other = await _client.SignUp();
        await Toggle(key, "user", other["id"]!.ToString());

        var answer = await _client.Get("/user/favorites", key);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Json["apiKey"]);
        Assert.Equal(user["email"]!.ToString(), answer["email"]);
        Assert.Equal([other["id"]!.ToString()], KinopioClient.IdsOf(answer.Json["favoriteUsers"]));
        Assert.Null(answer.Json["favoriteUsers"]![0]!["email"]);
        Assert.Empty(answer.Json["favoriteSpaces"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_ids_and_unviewable_spaces_are_a_404_yourself_and_other_types_a_400()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var hidden = (await _client.CreateSpace(await _client.NewUserKey(), "private"))["id"]!.ToString();

        (await Toggle(key, "user", "nobody-at-all")).IsError(HttpStatusCode.NotFound, "user");
        (await Toggle(key, "space", "nothing-at-all")).IsError(HttpStatusCode.NotFound, "space");
        (await Toggle(key, "space", hidden)).IsError(HttpStatusCode.NotFound, "space");
        (await Toggle(key, "user", user["id"]!.ToString())).IsError(HttpStatusCode.BadRequest, "yourself");
        (await Toggle(key, "card", "x")).IsError(HttpStatusCode.BadRequest, "type");
        (await _client.Send(HttpMethod.Patch, "/user/favorites", new { type = "user" }, key)).IsError(HttpStatusCode.BadRequest, "id");
        Assert.Empty((await _client.Get("/user/favorites", key)).Json["favoriteSpaces"]!.AsArray());
    }

    [Fact]
    public async Task Deleted_users_and_spaces_and_spaces_made_private_or_removed_leave_the_lists()
    {
        var key = await _client.NewUserKey();
        var owner = await _client.NewUserKey();
        var leaving = await _client.SignUp();
        var privateLater = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var removedLater = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var deletedLater = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        var staying = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        foreach (var space in new[] { privateLater, removedLater, deletedLater, staying })
            await Toggle(key, "space", space);
        await Toggle(key, "user", leaving["id"]!.ToString());

        await _client.Send(HttpMethod.Patch, "/space", new { id = privateLater, privacy = "private" }, owner);
        await _client.Send(HttpMethod.Delete, "/space", new { id = removedLater }, owner);
        await _client.Send(HttpMethod.Delete, "/space/permanent", new { id = deletedLater }, owner);
        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: leaving["apiKey"]!.ToString());

        var answer = await _client.Get("/user/favorites", key);
        Assert.Equal([staying], KinopioClient.IdsOf(answer.Json["favoriteSpaces"]));
        Assert.Empty(answer.Json["favoriteUsers"]!.AsArray());

        await _client.Send(HttpMethod.Patch, "/space/restore", new { id = removedLater }, owner);
        Assert.Equal(new[] { removedLater, staying }.Order(), KinopioClient.IdsOf((await _client.Get("/user/favorites", key)).Json["favoriteSpaces"]).Order());
    }

    [Fact]
    public async Task A_favorite_that_became_unviewable_can_still_be_removed()
    {
        var key = await _client.NewUserKey();
        var owner = await _client.NewUserKey();
        var space = (await _client.CreateSpace(owner, "open"))["id"]!.ToString();
        await Toggle(key, "space", space);
        await _client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "private" }, owner);

        var removed = await Toggle(key, "space", space);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.False(removed.Json["isFavorite"]!.GetValue<bool>());

        await _client.Send(HttpMethod.Patch, "/space", new { id = space, privacy = "open" }, owner);
        Assert.Empty((await _client.Get("/user/favorites", key)).Json["favoriteSpaces"]!.AsArray());
    }

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    public async Task Parallel_toggles_end_in_the_state_their_parity_says(int toggles)
    {
        var key = await _client.NewUserKey();
        var other = (await _client.SignUp())["id"]!.ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, toggles).Select(_ => Toggle(key, "user", other)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(toggles / 2 + toggles % 2, answers.Count(answer => answer.Json["isFavorite"]!.GetValue<bool>()));
        var favorites = KinopioClient.IdsOf((await _client.Get("/user/favorites", key)).Json["favoriteUsers"]);
        Assert.Equal(toggles % 2 == 1 ? [other] : [], favorites);
    }
}
