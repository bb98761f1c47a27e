using Kinopio.Cluster.Tests.Infrastructure;
using Npgsql;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Issue 14, item 6 (secrets at rest), in cluster mode: with <c>Kinopio:KeyRing</c> set on the silos,
/// the Data Protection keys in <c>kinopio_data_protection_key</c> are stored encrypted with that
/// certificate, so a dump of the database holds no key that decrypts the stored apiKeys; every
/// process that has the certificate still reads them (the same apiKey after a restart of everything).
/// </summary>
public sealed class KeyRingCertificateTests(ITestOutputHelper output)
{
    private const string Password = "key-ring-certificate-password";

    [PostgresFact]
    public async Task The_key_ring_is_stored_encrypted_with_the_certificate_and_read_back_after_a_restart()
    {
        using var files = new TestDirectory();
        var certificate = TestCertificate.WritePfx(Path.Combine(files.Path, "key-ring.pfx"), "kinopio-key-ring", Password);
        var keyRing = new Dictionary<string, string>
        {
            ["Kinopio__KeyRing__CertificatePath"] = certificate,
            ["Kinopio__KeyRing__CertificatePassword"] = Password,
        };
        await using var cluster = await KinopioCluster.StartAsync(output, siloSettings: keyRing);
        var user = await cluster.Client.SignUpAsync("key-ring@example.com", "password-key-ring");

        var keys = await StoredKeys(cluster);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            // A plain key holds its secret as <masterKey ...><value>base64</value></masterKey>.
            Assert.Contains("<EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        await cluster.RestartEverythingAsync();
        var signedIn = await cluster.Client.SignInAsync(user.Email, user.Password);
        Assert.Equal(user.ApiKey, signedIn.GetProperty("apiKey").GetString());
        Assert.Equal(user.Id, (await cluster.Client.GetUserAsync(user.ApiKey)).GetProperty("id").GetString());
        output.WriteLine($"{keys.Count} key(s) stored encrypted; after a restart of everything the user signed in with the same apiKey");
    }

    private static async Task<List<string>> StoredKeys(KinopioCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM kinopio_data_protection_key ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }
}
