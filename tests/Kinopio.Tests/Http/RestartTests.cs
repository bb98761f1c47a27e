using System.Net;
using Kinopio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>The embedded server keeps its data in its SQLite file: a new process on the same file finds it all.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_the_user_signs_in_with_the_same_key_and_finds_its_changes()
    {
        var path = ApiHost.NewDatabasePath();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string email, key;
        await using (var before = new ApiHost(path, clock))
        {
            var client = new KinopioClient(before.CreateClient());
            var user = await client.SignUp();
            email = user["email"]!.ToString();
            key = user["apiKey"]!.ToString();
            Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Patch, "/user", new { description = "survives" }, key)).Status);
        }

        await using var after = new ApiHost(path, clock);
        var again = new KinopioClient(after.CreateClient());
        var signedIn = await again.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" });

        Assert.Equal(key, signedIn["apiKey"]);
        Assert.Equal("survives", (await again.Get("/user", key))["description"]);
        (await again.Send(HttpMethod.Post, "/user/sign-up", new { email, password = "correct horse" })).IsError(HttpStatusCode.Conflict, "email");
    }
}
