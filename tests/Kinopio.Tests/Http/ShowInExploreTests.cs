using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §10: <c>showInExplore</c>, a space attribute its editors set.</summary>
[Collection(SharedApi.Name)]
public sealed class ShowInExploreTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task It_is_false_by_default_and_in_every_summary()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var id = (await _client.CreateSpace(key, "open"))["id"]!.ToString();

        Assert.False((await _client.Get($"/space/{id}")).Json["showInExplore"]!.GetValue<bool>());
        Assert.False((await _client.Get("/user/spaces", key)).Json[0]!["showInExplore"]!.GetValue<bool>());
        Assert.False((await _client.Get($"/user/public/{user["id"]}")).Json["spaces"]![0]!["showInExplore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_create_takes_it_and_the_owner_sets_and_unsets_it()
    {
        var key = await _client.NewUserKey();
        var created = await _client.Send(HttpMethod.Post, "/space", new { name = "shown", showInExplore = true }, key);
        var id = created["id"]!;
        Assert.True(created.Json["showInExplore"]!.GetValue<bool>());

        var unset = await _client.Send(HttpMethod.Patch, "/space", new { id, showInExplore = false }, key);
        Assert.Equal(HttpStatusCode.OK, unset.Status);
        Assert.False(unset.Json["showInExplore"]!.GetValue<bool>());
        Assert.False((await _client.Get($"/space/{id}")).Json["showInExplore"]!.GetValue<bool>());

        await _client.Send(HttpMethod.Patch, "/space", new { id, showInExplore = true }, key);
        Assert.True((await _client.Get("/user/spaces", key)).Json[0]!["showInExplore"]!.GetValue<bool>());
        Assert.True((await _client.Get($"/space/{id}", key)).Json["showInExplore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_editors_set_it()
    {
        var owner = await _client.NewUserKey();
        var other = await _client.NewUserKey();
        var closed = (await _client.CreateSpace(owner, "closed"))["id"]!.ToString();
        var hidden = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();

        (await _client.Send(HttpMethod.Patch, "/space", new { id = closed, showInExplore = true }, other)).IsError(HttpStatusCode.Forbidden);
        (await _client.Send(HttpMethod.Patch, "/space", new { id = hidden, showInExplore = true }, other)).IsError(HttpStatusCode.Unauthorized);

        Assert.False((await _client.Get($"/space/{closed}")).Json["showInExplore"]!.GetValue<bool>());
        Assert.False((await _client.Get($"/space/{hidden}", owner)).Json["showInExplore"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task Anything_but_a_boolean_is_a_400_naming_it(string value)
    {
        var key = await _client.NewUserKey();
        var space = await _client.CreateSpace(key);

        (await _client.Send(HttpMethod.Patch, "/space", $$"""{"id":"{{space["id"]}}","showInExplore":{{value}}}""", key))
            .IsError(HttpStatusCode.BadRequest, "showInExplore");
        (await _client.Send(HttpMethod.Post, "/space", $$"""{"name":"bad","showInExplore":{{value}}}""", key))
            .IsError(HttpStatusCode.BadRequest, "showInExplore");

        Assert.Equal([space["id"]!.ToString()], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
        Assert.False((await _client.Get("/user/spaces", key)).Json[0]!["showInExplore"]!.GetValue<bool>());
    }
}
