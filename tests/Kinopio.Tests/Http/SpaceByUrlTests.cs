using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §10: <c>GET /space/by-url/:spaceUrl</c> answers as <c>GET /space/:id</c> for the space whose url it is.</summary>
[Collection(SharedApi.Name)]
public sealed class SpaceByUrlTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task The_url_of_a_generated_id_finds_the_full_space()
    {
        var key = await _client.NewUserKey();
        var space = await _client.CreateSpace(key, "open", "Hello, Kinopio!");
        Assert.Equal(21, space["id"]!.ToString().Length);

        var answer = await _client.Get($"/space/by-url/{space["url"]}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(space["id"]!.ToString(), answer["id"]);
        Assert.Equal((await _client.Get($"/space/{space["id"]}")).Text, answer.Text);
    }

    [Theory]
    [InlineData("a-b-c-{n}", "Dash Space")]
    [InlineData("-{n}", "Lead")]
    [InlineData("{n}-", "Tail")]
    [InlineData("under_{n}", "Under score")]
    [InlineData("{n}", "!!!")]
    [InlineData("space-{n}", "space")]
    public async Task Client_ids_with_dashes_and_others_are_found(string idTemplate, string name)
    {
        var key = await _client.NewUserKey();
        var id = idTemplate.Replace("{n}", Guid.NewGuid().ToString("N"));
        var created = await _client.Send(HttpMethod.Post, "/space", new { id, name }, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);

        var answer = await _client.Get($"/space/by-url/{created["url"]}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(id, answer["id"]);
    }

    [Fact]
    public async Task A_wrong_slug_or_an_unknown_id_is_a_404()
    {
        var key = await _client.NewUserKey();
        var space = await _client.CreateSpace(key, "open", "Right Name");
        var id = space["id"]!.ToString();

        (await _client.Get($"/space/by-url/wrong-name-{id}")).IsError(HttpStatusCode.NotFound, "space");
        (await _client.Get($"/space/by-url/{id}")).IsError(HttpStatusCode.NotFound, "space");
        (await _client.Get($"/space/by-url/right-name-{id}x")).IsError(HttpStatusCode.NotFound, "space");
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/by-url/right-name-{id}", key)).Status);
        (await _client.Get($"/space/by-url/{new string('-', 300)}", key)).IsError(HttpStatusCode.NotFound, "space");
    }

    [Fact]
    public async Task A_private_space_is_the_owners_and_others_get_401()
    {
        var owner = await _client.NewUserKey();
        var space = await _client.CreateSpace(owner, "private", "Secret Plans");
        var url = $"/space/by-url/{space["url"]}";

        Assert.Equal(HttpStatusCode.OK, (await _client.Get(url, owner)).Status);
        (await _client.Get(url)).IsError(HttpStatusCode.Unauthorized);
        (await _client.Get(url, await _client.NewUserKey())).IsError(HttpStatusCode.Unauthorized);
    }
}
