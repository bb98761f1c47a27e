using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Issue 14, item 8: answers that carry an apiKey or private data are never stored by a cache.</summary>
[Collection(SharedApi.Name)]
public sealed class CacheControlTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task Sign_up_sign_in_and_every_answer_to_a_signed_in_request_say_no_store()
    {
        var email = KinopioClient.NewEmail();
        var signUp = await _client.Send(HttpMethod.Post, "/user/sign-up", new { email, password = "correct horse" });
        var key = signUp["apiKey"]!;

        Assert.Equal("no-store", signUp.CacheControl);
        Assert.Equal("no-store", (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" })).CacheControl);
        Assert.Equal("no-store", (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "wrong horse" })).CacheControl);
        Assert.Equal("no-store", (await _client.Get("/user", key)).CacheControl);
        Assert.Equal("no-store", (await _client.Get("/user/favorites", key)).CacheControl);
        Assert.Equal("no-store", (await _client.Get("/", key)).CacheControl);
        Assert.Equal("no-store", (await _client.Get("/user")).CacheControl);
    }

    [Fact]
    public async Task A_public_answer_to_an_anonymous_request_may_be_cached()
    {
        var answer = await _client.Get("/");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.CacheControl);
    }
}
