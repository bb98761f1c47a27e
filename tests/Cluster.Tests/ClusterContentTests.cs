using System.Net;
using System.Text.Json;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>Space content (§7) and the 2020 client's write path (§8) on two silos and PostgreSQL, through a restart of every process.</summary>
public sealed class ClusterContentTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task The_clients_spaces_cards_and_operations_are_all_there_after_a_restart_of_every_process()
    {
        await using var cluster = await KinopioCluster.StartAsync(output);
        var user = await cluster.Client.SignUpAsync("content@example.com", "password-content");
        var client = cluster.Client;

        var uploaded = await client.SendAsync(HttpMethod.Post, "/space/multiple", """
            [{"id":"welcome-space","name":"Hello","privacy":"open",
              "cards":[{"id":"w1","name":"one","x":1,"y":2},{"id":"w2","name":"two","isRemoved":true},{"id":"w3","name":"three"}],
              "connectionTypes":[{"id":"t","name":"blue","color":"#00f"}],
              "connections":[{"id":"l12","startCardId":"w1","endCardId":"w2","connectionTypeId":"t"},{"id":"l13","startCardId":"w1","endCardId":"w3","connectionTypeId":"t"}]}]
            """, user.ApiKey);
        Assert.Equal(HttpStatusCode.Created, uploaded.Status);

        var operations = await client.SendAsync(HttpMethod.Post, "/operations", """
            [{"name":"createCard","body":{"spaceId":"welcome-space","id":"w4","name":"four","tint":"red"}},
             {"name":"updateCard","body":{"spaceId":"welcome-space","id":"w1","x":50}},
             {"name":"removeCardPermanent","body":{"spaceId":"welcome-space","id":"w3"}},
             {"name":"removeConnection","body":{"spaceId":"welcome-space","id":"l13"}},
             {"name":"updateSpace","body":{"id":"welcome-space","name":"Hello again"}}]
            """, user.ApiKey);
        Assert.Equal(HttpStatusCode.OK, operations.Status);
        Assert.Empty(JsonDocument.Parse(operations.Body).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Patch, "/card", """{"spaceId":"welcome-space","id":"w2","name":"x"}""", user.ApiKey)).Status);

        var gone = await client.CreateSpaceAsync(user.ApiKey, "to delete", "closed");
        await client.SendAsync(HttpMethod.Post, "/card", $$"""{"spaceId":"{{gone}}","id":"doomed"}""", user.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Delete, "/space/permanent", $$"""{"id":"{{gone}}"}""", user.ApiKey)).Status);

        var before = (await client.GetAsync("/space/welcome-space", user.ApiKey)).Body;
        await cluster.RestartEverythingAsync();

        var after = await client.GetAsync("/space/welcome-space", user.ApiKey);
        Assert.Equal(before, after.Body);
        var space = JsonDocument.Parse(after.Body).RootElement;
        Assert.Equal("Hello again", space.GetProperty("name").GetString());
        Assert.Equal(["w1", "w2", "w4"], space.GetProperty("cards").EnumerateArray().Select(card => card.GetProperty("id").GetString()));
        Assert.Equal(50, space.GetProperty("cards")[0].GetProperty("x").GetDouble());
        Assert.True(space.GetProperty("cards")[1].GetProperty("isRemoved").GetBoolean());
        Assert.Equal("red", space.GetProperty("cards")[2].GetProperty("tint").GetString());
        Assert.Equal(["l12"], space.GetProperty("connections").EnumerateArray().Select(connection => connection.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/card/doomed?spaceId={gone}", user.ApiKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/space/{gone}", user.ApiKey)).Status);
        Assert.Equal(5, (await client.GetUserAsync(user.ApiKey)).GetProperty("cardsCreatedCount").GetInt32());
        output.WriteLine("uploaded, edited through /operations and REST, deleted a space; after restarting everything the space reads back byte for byte");
    }
}
