using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kinopio.Cluster.Tests.Infrastructure;
using MimeKit;

namespace Kinopio.Cluster.Tests;

/// <summary>Collaborators (§9) and accounts and discovery (§10) on two silos and PostgreSQL, through an Api that is a cluster client.</summary>
public sealed partial class ClusterAccountsTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task An_invite_a_password_reset_and_the_explore_list_work_in_a_cluster()
    {
        using var files = new TestDirectory();
        var outbox = Path.Combine(files.Path, "api", "outbox");
        await using var cluster = await KinopioCluster.StartAsync(output,
            apiSettings: new Dictionary<string, string> { ["Kinopio__DataPath"] = Path.Combine(files.Path, "api", "kinopio.db") });
        var client = cluster.Client;
        var owner = await client.SignUpAsync("owner@example.com", "password-owner");
        var friend = await client.SignUpAsync("friend@example.com", "password-friend");

        // The invite flow of the 2020 client.
        var space = await client.CreateSpaceAsync(owner.ApiKey, "Shared in a cluster", "private");
        var key = JsonDocument.Parse((await client.GetAsync($"/space/{space}/collaborator-key", owner.ApiKey)).Body).RootElement.GetString()!;
        var joined = await client.SendAsync(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{space}}"}""", friend.ApiKey, key);
        Assert.Equal(HttpStatusCode.OK, joined.Status);
        var edit = await client.SendAsync(HttpMethod.Post, "/operations", $$"""[{"name":"createCard","body":{"spaceId":"{{space}}","id":"by-friend"} }]""", friend.ApiKey);
        Assert.Empty(JsonDocument.Parse(edit.Body).RootElement.GetProperty("errors").EnumerateArray());
        var seen = JsonDocument.Parse((await client.GetAsync($"/space/{space}", owner.ApiKey)).Body).RootElement;
        Assert.Equal("by-friend", seen.GetProperty("cards")[0].GetProperty("id").GetString());
        Assert.Equal(friend.Id, seen.GetProperty("collaborators")[0].GetProperty("id").GetString());

        // Explore and by url.
        var open = await client.CreateSpaceAsync(owner.ApiKey, "Look at this", "open");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, "/space", $$"""{"id":"{{open}}","showInExplore":true}""", owner.ApiKey)).Status);
        var listed = JsonDocument.Parse((await client.GetAsync("/space/new-spaces", null)).Body).RootElement;
        Assert.Equal([open], listed.EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/space/by-url/look-at-this-{open}", null)).Status);

        // A password reset mailed to the outbox of the Api.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/user/reset-password", """{"email":"owner@example.com"}""", null)).Status);
        string? token = null;
        await Poll.UntilAsync("the reset email in the Api's outbox", TimeSpan.FromSeconds(30), () =>
        {
            token = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Select(TokenIn).FirstOrDefault(found => found is not null) : null;
            return Task.FromResult(token is not null);
        });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, "/user/update-password", """{"password":"a new password"}""", token!)).Status);
        Assert.Equal(owner.ApiKey, (await client.SignInAsync("owner@example.com", "a new password")).GetProperty("apiKey").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, "/user/sign-in", """{"email":"owner@example.com","password":"password-owner"}""", null)).Status);
        output.WriteLine("invite, shared edit, explore, by-url and a password reset through the outbox, all on the cluster");
    }

    private static string? TokenIn(string file) =>
        ResetLink().Match(MimeMessage.Load(file).TextBody ?? "") is { Success: true } link ? Uri.UnescapeDataString(link.Groups[1].Value) : null;

    [GeneratedRegex(@"/reset-password\?apiKey=(\S+)")]
    private static partial Regex ResetLink();
}
