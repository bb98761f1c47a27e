using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §8.1: <c>POST /space/multiple</c>, and the 2020 client's sign-up flow end to end.</summary>
[Collection(SharedApi.Name)]
public sealed class SpaceUploadTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    /// <summary>The welcome space a 2020 client makes offline: cards (one removed), a connection type and connections.</summary>
    private static string WelcomeSpace(string id) => $$$"""
        {"id":"{{{id}}}","name":"Hello Kinopio","privacy":"private","showInExplore":false,
         "users":[{"id":"local-user"}],"collaborators":[],"collaboratorKey":"client-made","userId":"local-user",
         "cards":[{"id":"{{{id}}}-c1","name":"Welcome","x":10,"y":20,"z":1,"frameId":0,"spaceId":"elsewhere","userId":"local-user"},
                  {"id":"{{{id}}}-c2","name":"Drag me","x":10,"y":80,"z":2,"backgroundColor":"#ff0"},
                  {"id":"{{{id}}}-c3","name":"Thrown away","x":10,"y":140,"z":3,"isRemoved":true}],
         "connectionTypes":[{"id":"{{{id}}}-t","name":"Arrow","color":"#c9a0e1"}],
         "connections":[{"id":"{{{id}}}-l","startCardId":"{{{id}}}-c1","endCardId":"{{{id}}}-c2","connectionTypeId":"{{{id}}}-t","path":"M10,20 Q30,40 10,80"},
                        {"id":"{{{id}}}-dangling","startCardId":"{{{id}}}-c1","endCardId":"not-a-card","connectionTypeId":"{{{id}}}-t"}]}
        """;

    [Fact]
    public async Task The_clients_sign_up_flow_uploads_its_spaces_and_finds_exactly_them_again()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var welcome = $"welcome-{Guid.NewGuid():N}";
        var removed = $"old-{Guid.NewGuid():N}";

        var uploaded = await _client.Send(HttpMethod.Post, "/space/multiple",
            $$"""[{{WelcomeSpace(welcome)}}, {"id":"{{removed}}","name":"Removed one","isRemoved":true,"cards":[]}]""", key);
        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        Assert.Equal([welcome, removed], KinopioClient.IdsOf(uploaded.Json));

        var operations = await _client.Send(HttpMethod.Post, "/operations", """[{"name":"addCollaboratorToSpaces","body":[]}]""", key);
        Assert.Equal(HttpStatusCode.OK, operations.Status);

        Assert.Equal([welcome], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
        Assert.Equal([removed], KinopioClient.IdsOf((await _client.Get("/user/removed-spaces", key)).Json));
        var space = (await _client.Get($"/space/{welcome}", key)).Json;
        Assert.Equal(uploaded.Json[0]!.ToJsonString(), space.ToJsonString());
        Assert.Equal(user["id"]!.ToString(), space["userId"]!.ToString());
        Assert.Equal([user["id"]!.ToString()], KinopioClient.IdsOf(space["users"]));
        Assert.Equal("private", space["privacy"]!.ToString());
        Assert.False(space.AsObject().ContainsKey("collaboratorKey"));
        Assert.Equal([$"{welcome}-c1", $"{welcome}-c2", $"{welcome}-c3"], KinopioClient.IdsOf(space["cards"]));
        Assert.Equal(welcome, space["cards"]![0]!["spaceId"]!.ToString());
        Assert.Equal("#ff0", space["cards"]![1]!["backgroundColor"]!.ToString());
        Assert.True(space["cards"]![2]!["isRemoved"]!.GetValue<bool>());
        Assert.Equal([$"{welcome}-l"], KinopioClient.IdsOf(space["connections"]));
        Assert.Equal([$"{welcome}-t"], KinopioClient.IdsOf(space["connectionTypes"]));
        Assert.Equal(3, (await _client.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_re_upload_updates_the_items_sent_never_deletes_what_was_left_out_and_keeps_the_spaces_own_attributes()
    {
        var key = await _client.NewUserKey();
        var id = $"s-{Guid.NewGuid():N}";
        await _client.Send(HttpMethod.Post, "/space/multiple", $"[{WelcomeSpace(id)}]", key);
        await _client.Send(HttpMethod.Post, "/card", $$"""{"spaceId":"{{id}}","id":"made-online"}""", key);

        var again = await _client.Send(HttpMethod.Post, "/space/multiple",
            $$"""[{"id":"{{id}}","name":"Renamed offline","privacy":"open","isRemoved":true,"cards":[{"id":"{{id}}-c1","name":"Edited offline"}]}]""", key);

        Assert.Equal(HttpStatusCode.Created, again.Status);
        var space = (await _client.Get($"/space/{id}", key)).Json;
        Assert.Equal("Hello Kinopio", space["name"]!.ToString());
        Assert.Equal("private", space["privacy"]!.ToString());
        Assert.False(space["isRemoved"]!.GetValue<bool>());
        Assert.Equal([$"{id}-c1", $"{id}-c2", $"{id}-c3", "made-online"], KinopioClient.IdsOf(space["cards"]));
        Assert.Equal("Edited offline", space["cards"]![0]!["name"]!.ToString());
        Assert.Equal([$"{id}-l"], KinopioClient.IdsOf(space["connections"]));

        var sameTwice = (await _client.Send(HttpMethod.Post, "/space/multiple", $"[{WelcomeSpace(id)}]", key)).Json[0]!.ToJsonString();
        var thrice = (await _client.Send(HttpMethod.Post, "/space/multiple", $"[{WelcomeSpace(id)}]", key)).Json[0]!.ToJsonString();
        Assert.Equal(Untimed(sameTwice), Untimed(thrice));
    }

    private static string Untimed(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"updatedAt\":\"[^\"]*\"", "");

    [Fact]
    public async Task A_space_that_cannot_be_taken_is_left_out_and_the_others_are_written()
    {
        var key = await _client.NewUserKey();
        var taken = (await _client.CreateSpace(await _client.NewUserKey()))["id"]!.ToString();
        var fine = $"fine-{Guid.NewGuid():N}";

        var answer = await _client.Send(HttpMethod.Post, "/space/multiple", $$"""
            [{"id":"{{taken}}","name":"someone else's"},
             {"id":"has spaces","name":"bad id"},
             {"id":"no-name-{{fine}}"},
             "not a space",
             {"id":"{{fine}}","name":"fine","privacy":"sideways","cards":[{"id":"ok"},{"id":"bad id"},{"id":"odd","x":"left","tags":["a"]}]}]
            """, key);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal([fine], KinopioClient.IdsOf(answer.Json));
        Assert.Equal("closed", answer.Json[0]!["privacy"]!.ToString());
        Assert.Equal(["ok", "odd"], KinopioClient.IdsOf(answer.Json[0]!["cards"]));
        Assert.False(answer.Json[0]!["cards"]![1]!.AsObject().ContainsKey("tags"));
        Assert.Equal([fine], KinopioClient.IdsOf((await _client.Get("/user/spaces", key)).Json));
        Assert.NotEqual("someone else's", (await _client.Get($"/space/{taken}")).Json["name"]!.ToString());
    }

    [Fact]
    public async Task An_empty_array_is_a_201_and_anything_but_an_array_a_400()
    {
        var key = await _client.NewUserKey();
        var empty = await _client.Send(HttpMethod.Post, "/space/multiple", "[]", key);
        Assert.Equal(HttpStatusCode.Created, empty.Status);
        Assert.Equal("[]", empty.Text);
        (await _client.Send(HttpMethod.Post, "/space/multiple", """{"id":"x","name":"one"}""", key)).IsError(HttpStatusCode.BadRequest);
        (await _client.Send(HttpMethod.Post, "/space/multiple", "[]")).IsError(HttpStatusCode.Unauthorized);
    }
}
