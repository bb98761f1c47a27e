using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §2 and §4.2: GET /user, GET /user/public/:userId, PATCH /user.</summary>
[Collection(SharedApi.Name)]
public sealed class UserRouteTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task The_api_key_works_raw_as_bearer_and_in_the_query_string()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();

        Assert.Equal(user["id"]!.ToString(), (await _client.Get("/user", key))["id"]);
        Assert.Equal(user["id"]!.ToString(), (await _client.Get("/user", $"Bearer {key}"))["id"]);
        Assert.Equal(user["id"]!.ToString(), (await _client.Get($"/user?apiKey={key}"))["id"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3f2c0d5e-0000-0000-0000-000000000000")]
    [InlineData("Bearer nonsense")]
    public async Task Without_a_valid_key_the_user_routes_answer_401(string? key)
    {
        (await _client.Get("/user", key)).IsError(HttpStatusCode.Unauthorized, "apiKey");
        (await _client.Send(HttpMethod.Patch, "/user", new { color = "#fff" }, key)).IsError(HttpStatusCode.Unauthorized);
        (await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: key)).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_key_is_checked_before_the_body()
    {
        (await _client.Send(HttpMethod.Patch, "/user", "{not json")).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_public_user_shows_only_public_attributes()
    {
        var user = await _client.SignUp();
        var answer = await _client.Get($"/user/public/{user["id"]}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var names = answer.Json.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Equal(["id", "name", "color", "description", "website", "createdAt", "spaces"], names);
    }

    [Theory]
    [InlineData("no-such-user")]
    [InlineData("bad%20id")]
    public async Task An_unknown_public_user_is_a_404(string userId) =>
        (await _client.Get($"/user/public/{userId}")).IsError(HttpStatusCode.NotFound, "user");

    [Fact]
    public async Task Patch_updates_the_updatable_attributes()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        var name = $"renamed-{Guid.NewGuid():N}"[..24];

        var answer = await _client.Send(HttpMethod.Patch, "/user", new
        {
            name, color = "#123456", description = "hello", website = "kinopio.club",
            lastSpaceId = "space1", lastReadNewStuffId = (string?)null, defaultConnectionTypeId = "type1",
        }, key);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(name, answer["name"]);
        Assert.Equal("#123456", answer["color"]);
        Assert.Equal("hello", answer["description"]);
        Assert.Equal("kinopio.club", answer["website"]);
        Assert.Equal("space1", answer["lastSpaceId"]);
        Assert.Equal("type1", answer["defaultConnectionTypeId"]);
        Assert.Null(answer.Json["apiKey"]);
        var read = (await _client.Get("/user", key)).Json.AsObject();
        Assert.Equal(key, read["apiKey"]!.ToString());
        read.Remove("apiKey");
        Assert.Equal(answer.Json.ToJsonString(), read.ToJsonString());
        Assert.Equal(name, (await _client.Get($"/user/public/{user["id"]}"))["name"]);
    }

    [Fact]
    public async Task A_nullable_attribute_can_be_set_back_to_null()
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        await _client.Send(HttpMethod.Patch, "/user", new { lastSpaceId = "space1" }, key);
        var answer = await _client.Send(HttpMethod.Patch, "/user", """{"lastSpaceId":null}""", key);
        Assert.Null(answer.Json["lastSpaceId"]);
    }

    [Theory]
    [InlineData("""{"apiKey":"x"}""", "apiKey")]
    [InlineData("""{"password":"new password"}""", "password")]
    [InlineData("""{"email":"new@example.com"}""", "email")]
    [InlineData("""{"emailIsVerified":true}""", "emailIsVerified")]
    [InlineData("""{"id":"other"}""", "id")]
    [InlineData("""{"cardsCreatedCount":5}""", "cardsCreatedCount")]
    [InlineData("""{"createdAt":"2020-01-01T00:00:00.000Z"}""", "createdAt")]
    [InlineData("""{"favoriteColor":"red"}""", "favoriteColor")]
    [InlineData("""{"color":5}""", "color")]
    [InlineData("""{"description":null}""", "description")]
    [InlineData("""{"name":"has space"}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"lastSpaceId":3}""", "lastSpaceId")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"description":"ok","website":false}""", "website")]
    public async Task A_patch_with_a_protected_unknown_or_wrong_attribute_is_a_400_and_changes_nothing(string body, string field)
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        var before = (await _client.Get("/user", key)).Text;

        (await _client.Send(HttpMethod.Patch, "/user", body, key)).IsError(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, (await _client.Get("/user", key)).Text);
    }

    [Fact]
    public async Task Over_long_strings_are_a_400()
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        (await _client.Send(HttpMethod.Patch, "/user", new { description = new string('x', 1001) }, key))
            .IsError(HttpStatusCode.BadRequest, "description");
        (await _client.Send(HttpMethod.Patch, "/user", new { website = new string('x', 301) }, key))
            .IsError(HttpStatusCode.BadRequest, "website");
        (await _client.Send(HttpMethod.Patch, "/user", new { name = new string('x', 61) }, key))
            .IsError(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_name_taken_by_another_user_is_a_409_and_changes_nothing()
    {
        var other = await _client.SignUp();
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        var before = (await _client.Get("/user", key)).Text;

        (await _client.Send(HttpMethod.Patch, "/user", new { name = other["name"]!.ToString().ToUpperInvariant(), description = "changed" }, key))
            .IsError(HttpStatusCode.Conflict, "name");

        Assert.Equal(before, (await _client.Get("/user", key)).Text);
    }

    [Fact]
    public async Task A_renamed_users_old_name_becomes_free()
    {
        var user = await _client.SignUp();
        var oldName = user["name"]!.ToString();
        await _client.Send(HttpMethod.Patch, "/user", new { name = $"x{Guid.NewGuid():N}"[..20] }, user["apiKey"]!.ToString());

        await _client.SignUp(new { email = KinopioClient.NewEmail(), name = oldName, password = "correct horse" });
    }

    [Fact]
    public async Task Changing_a_name_only_in_case_keeps_it()
    {
        var user = await _client.SignUp();
        var upper = user["name"]!.ToString().ToUpperInvariant();
        var answer = await _client.Send(HttpMethod.Patch, "/user", new { name = upper }, user["apiKey"]!.ToString());
        Assert.Equal(upper, answer["name"]);
    }
}
