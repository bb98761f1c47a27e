using System.Net;
using System.Net.Http.Headers;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §1: JSON bodies always, 404 for unknown routes, 400 for malformed JSON, 413 over 1 MiB, CORS.</summary>
[Collection(SharedApi.Name)]
public sealed class ConventionTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task The_root_says_the_api_is_online()
    {
        var answer = await _client.Get("/");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal(200, answer.Json["status"]!.GetValue<int>());
        Assert.Equal("Kinopio API is online", answer["message"]);
    }

    [Theory]
    [InlineData("GET", "/no/such/route")]
    [InlineData("POST", "/user")]
    [InlineData("PUT", "/user")]
    [InlineData("GET", "/user/sign-up")]
    public async Task Unknown_routes_answer_404_with_the_error_body(string method, string path) =>
        (await _client.Send(new HttpMethod(method), path)).IsError(HttpStatusCode.NotFound);

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        (await _client.Send(HttpMethod.Patch, "/user", "{\"name\":", key)).IsError(HttpStatusCode.BadRequest, "JSON");
        (await _client.Send(HttpMethod.Post, "/user/sign-up", "not json")).IsError(HttpStatusCode.BadRequest, "JSON");
        (await _client.Send(HttpMethod.Patch, "/user", "", key)).IsError(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_and_changes_nothing()
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        var before = (await _client.Get("/user", key)).Text;
        var huge = $$"""{"description":"{{new string('x', 1024 * 1024)}}"}""";

        (await _client.Send(HttpMethod.Patch, "/user", huge, key)).IsError(HttpStatusCode.RequestEntityTooLarge);
        (await _client.Send(HttpMethod.Post, "/user/sign-up", huge)).IsError(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, (await _client.Get("/user", key)).Text);
    }

    [Fact]
    public async Task A_chunked_body_over_one_mebibyte_is_a_413()
    {
        var key = (await _client.SignUp())["apiKey"]!.ToString();
        var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        (await _client.Send(HttpMethod.Patch, "/user", content, key)).IsError(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_cors_preflight_answers_204_without_a_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/user");
        request.Headers.Add("Origin", "https://kinopio.club");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,cache-control,space-authorization,user-id");
        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "cache-control", "space-authorization", "user-id" })
            Assert.Contains(header, allowed);
    }

    [Fact]
    public async Task Answers_to_other_origins_carry_the_cors_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Origin", "https://kinopio.club");
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Health_probes_answer_json()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/health/ready")).Status);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        var answer = await _client.Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var paths = answer.Json["paths"]!.AsObject().Select(path => path.Key).ToHashSet();
        foreach (var path in new[] { "/", "/user", "/user/sign-up", "/user/sign-in", "/user/public/{userId}", "/user/favorites",
                     "/user/spaces", "/user/removed-spaces", "/user/current-public-spaces", "/user/permanent",
                     "/user/reset-password", "/user/update-password",
                     "/space", "/space/{spaceId}", "/space/restore", "/space/restore/{spaceId}", "/space/permanent",
                     "/space/new-spaces", "/space/by-url/{spaceUrl}" })
            Assert.Contains(path, paths);
    }
}
