using System.Net;
using Kinopio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>The embedded server keeps its data in its SQLite file: a new process on the same file finds it all.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_the_user_signs_in_with_the_same_key_and_finds_its_profile_spaces_content_and_favorites()
    {
        var path = ApiHost.NewDatabasePath();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string email, key, kept, removed, favoriteSpace, favoriteUser;
        await using (var before = new ApiHost(path, clock))
        {
            var client = new KinopioClient(before.CreateClient());
            var user = await client.SignUp();
            email = user["email"]!.ToString();
            key = user["apiKey"]!.ToString();
            Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Patch, "/user", new { description = "survives" }, key)).Status);

            kept = (await client.CreateSpace(key, "open"))["id"]!.ToString();
            await client.Send(HttpMethod.Post, "/card", $$"""[{"spaceId":"{{kept}}","id":"b","name":"second"},{"spaceId":"{{kept}}","id":"a","x":4,"tint":"red"}]""", key);
            await client.Send(HttpMethod.Post, "/connection-type", $$"""{"spaceId":"{{kept}}","id":"t","name":"blue"}""", key);
            await client.Send(HttpMethod.Post, "/connection", $$"""{"spaceId":"{{kept}}","id":"l","startCardId":"a","endCardId":"b","connectionTypeId":"t"}""", key);
            await client.Send(HttpMethod.Delete, "/card", $$"""{"spaceId":"{{kept}}","id":"b"}""", key);
            removed = (await client.CreateSpace(key))["id"]!.ToString();
            await client.Send(HttpMethod.Delete, "/space", new { id = removed }, key);
            var other = await client.SignUp();
            favoriteUser = other["id"]!.ToString();
            favoriteSpace = (await client.CreateSpace(other["apiKey"]!.ToString()))["id"]!.ToString();
            await client.Send(HttpMethod.Patch, "/user/favorites", new { type = "user", id = favoriteUser }, key);
            await client.Send(HttpMethod.Patch, "/user/favorites", new { type = "space", id = favoriteSpace }, key);
        }

        await using var after = new ApiHost(path, clock);
        var again = new KinopioClient(after.CreateClient());
        var signedIn = await again.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" });

        Assert.Equal(key, signedIn["apiKey"]);
        Assert.Equal("survives", (await again.Get("/user", key))["description"]);
        (await again.Send(HttpMethod.Post, "/user/sign-up", new { email, password = "correct horse" })).IsError(HttpStatusCode.Conflict, "email");

        Assert.Equal([kept], KinopioClient.IdsOf((await again.Get("/user/spaces", key)).Json));
        Assert.Equal([removed], KinopioClient.IdsOf((await again.Get("/user/removed-spaces", key)).Json));
        var space = (await again.Get($"/space/{kept}")).Json;
        Assert.Equal(["b", "a"], KinopioClient.IdsOf(space["cards"]));
        Assert.True(space["cards"]![0]!["isRemoved"]!.GetValue<bool>());
        Assert.Equal("red", space["cards"]![1]!["tint"]!.ToString());
        Assert.Equal(["l"], KinopioClient.IdsOf(space["connections"]));
        Assert.Equal(["t"], KinopioClient.IdsOf(space["connectionTypes"]));
        Assert.Equal(2, (await again.Get("/user", key)).Json["cardsCreatedCount"]!.GetValue<int>());
        var favorites = await again.Get("/user/favorites", key);
        Assert.Equal([favoriteUser], KinopioClient.IdsOf(favorites.Json["favoriteUsers"]));
        Assert.Equal([favoriteSpace], KinopioClient.IdsOf(favorites.Json["favoriteSpaces"]));
    }
}
