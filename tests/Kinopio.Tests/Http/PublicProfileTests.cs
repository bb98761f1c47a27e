using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>
/// Issue 14, item 5: <c>GET /user/public/:id</c> of a user with many spaces is answered, lists every
/// one, and grows linearly with them (one summary and its owner per space, nothing more).
/// </summary>
[Collection(SharedApi.Name)]
public sealed class PublicProfileTests(SharedApi api)
{
    private const int Batch = 100;

    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task The_public_profile_of_a_user_with_a_thousand_spaces_is_answered_and_linear_in_them()
    {
        var user = await _client.SignUp();
        var (id, key) = (user["id"]!.ToString(), user["apiKey"]!.ToString());
        await _client.Send(HttpMethod.Patch, "/user", new { description = new string('d', 1000) }, key);

        await CreateSpaces(key, 500);
        var half = await _client.Get($"/user/public/{id}");
        await CreateSpaces(key, 500);
        var full = await _client.Get($"/user/public/{id}");

        Assert.Equal(HttpStatusCode.OK, full.Status);
        Assert.Equal(1000, full.Json["spaces"]!.AsArray().Count);
        var perSpace = (full.Text.Length - half.Text.Length) / 500.0;
        Assert.InRange(perSpace, 1000, 1600);
        Assert.InRange(full.Text.Length, 1000 * perSpace, 1000 * perSpace + 2 * 1600);
    }

    private async Task CreateSpaces(string key, int count)
    {
        for (var made = 0; made < count; made += Batch)
        {
            var batch = Enumerable.Range(made, Batch).Select(i => new { name = $"space {i:0000}", privacy = "open" }).ToArray();
            Assert.Equal(HttpStatusCode.Created, (await _client.Send(HttpMethod.Post, "/space", batch, key)).Status);
        }
    }
}
