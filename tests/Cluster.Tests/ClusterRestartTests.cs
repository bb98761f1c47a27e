using System.Net;
using System.Text;
using Kinopio.Cluster.Tests.Infrastructure;
using Npgsql;

namespace Kinopio.Cluster.Tests;

/// <summary>Two silos and an Api on PostgreSQL: what was acknowledged is still there after every process restarts.</summary>
public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    private const int UserCount = 20;

    [PostgresFact]
    public async Task Users_and_their_writes_survive_a_restart_of_every_process()
    {
        await using var cluster = await KinopioCluster.StartAsync(output);
        var users = new List<SignedUpUser>();
        for (var index = 0; index < UserCount; index++)
        {
            var user = await cluster.Client.SignUpAsync($"restart{index}@example.com", $"password-{index}");
            Assert.Equal(HttpStatusCode.OK, await cluster.Client.PatchDescriptionAsync(user.ApiKey, DescriptionOf(user)));
            users.Add(user);
        }
        await cluster.Client.CreateSpaceAsync(users[0].ApiKey, "a listed space", "open");
        await AssertNoStoredRowHoldsAnApiKey(cluster, users);

        await cluster.RestartEverythingAsync();

        foreach (var user in users)
        {
            var signedIn = await cluster.Client.SignInAsync(user.Email, user.Password);
            Assert.Equal(user.ApiKey, signedIn.GetProperty("apiKey").GetString());
            var stored = await cluster.Client.GetUserAsync(user.ApiKey);
            Assert.Equal(user.Id, stored.GetProperty("id").GetString());
            Assert.Equal(DescriptionOf(user), stored.GetProperty("description").GetString());
        }
        output.WriteLine($"{users.Count} users signed up and written, everything restarted (PostgreSQL too), all {users.Count} signed in and read back");
    }

    /// <summary>
    /// Orleans' ADO.NET storage would file keys that parse as the same hexadecimal number ("c0ffee",
    /// "0c0ffee", "C0FFEE") under one row; WholeKeyGrainStorage keeps each key its own row.
    /// </summary>
    [PostgresFact]
    public async Task Ids_that_read_as_the_same_hex_number_are_different_users()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, siloCount: 1);
        string[] ids = ["c0ffee", "0c0ffee", "C0FFEE", "00c0ffee"];
        for (var index = 0; index < ids.Length; index++)
            Assert.Equal(ids[index], (await cluster.Client.SignUpAsync($"hex{index}@example.com", "password-hex", ids[index])).Id);

        foreach (var id in ids)
            Assert.Equal(id, (await cluster.Client.GetPublicUserAsync(id)).GetProperty("id").GetString());
    }

    /// <summary>
    /// Issue 14, item 6: grain state rows (<c>OrleansStorage.PayloadBinary</c>) and item rows
    /// (<c>kinopio_item.value</c>) hold the apiKeys only encrypted, with the key ring in its own table.
    /// </summary>
    private static async Task AssertNoStoredRowHoldsAnApiKey(KinopioCluster cluster, IReadOnlyList<SignedUpUser> users)
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres.ConnectionString);
        await connection.OpenAsync();
        async Task<List<byte[]>> Read(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<byte[]>();
            while (await reader.ReadAsync())
                rows.Add((byte[])reader[0]);
            return rows;
        }

        var states = await Read("SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL");
        var items = await Read("SELECT value FROM kinopio_item");
        Assert.True(states.Count >= users.Count, $"{states.Count} grain state rows: not where the test looks");
        Assert.NotEmpty(items);
        Assert.NotEmpty(await Read("SELECT convert_to(xml, 'UTF8') FROM kinopio_data_protection_key"));
        foreach (var user in users)
        {
            var key = Encoding.ASCII.GetBytes(user.ApiKey);
            Assert.DoesNotContain(states.Concat(items), row => row.AsSpan().IndexOf(key) >= 0);
        }
    }

    private static string DescriptionOf(SignedUpUser user) => $"written before the restart by {user.Email}";
}
