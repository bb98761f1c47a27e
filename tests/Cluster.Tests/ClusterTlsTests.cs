using Kinopio.Cluster.Tests.Infrastructure;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Issue 14, item 7: with <c>Kinopio:Tls</c> set on every process, the silos and the Api speak TLS
/// with the cluster's certificate (a self-signed one made here), and a client that does not, or that
/// presents another certificate, cannot join.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    private const string Password = "cluster-certificate-password";

    [PostgresFact]
    public async Task Two_silos_and_the_Api_work_over_TLS_and_a_client_without_the_certificate_cannot_join()
    {
        using var files = new TestDirectory();
        var certificate = TestCertificate.WritePfx(Path.Combine(files.Path, "cluster.pfx"), "kinopio-cluster", Password);
        var stranger = TestCertificate.WritePfx(Path.Combine(files.Path, "stranger.pfx"), "kinopio-cluster", Password);
        var tls = new Dictionary<string, string> { ["Kinopio__Tls__CertificatePath"] = certificate, ["Kinopio__Tls__CertificatePassword"] = Password };
        await using var cluster = await KinopioCluster.StartAsync(output, siloSettings: tls, apiSettings: tls);

        var user = await cluster.Client.SignUpAsync("tls@example.com", "password-tls");
        Assert.Equal(user.ApiKey, (await cluster.Client.GetUserAsync(user.ApiKey)).GetProperty("apiKey").GetString());
        Assert.Equal(user.ApiKey, (await cluster.Client.SignInAsync(user.Email, user.Password)).GetProperty("apiKey").GetString());

        // The same client as the Api's, in this process: it joins with the cluster's certificate only.
        Assert.Equal(user.Id, await PublicUserIdThroughClient(cluster, user.Id, certificate));
        await Assert.ThrowsAnyAsync<Exception>(() => PublicUserIdThroughClient(cluster, user.Id, certificatePath: null));
        await Assert.ThrowsAnyAsync<Exception>(() => PublicUserIdThroughClient(cluster, user.Id, stranger));
    }

    /// <summary>Starts an Orleans client of the cluster (the Api's configuration path), asks one grain, and stops it.</summary>
    private async Task<string?> PublicUserIdThroughClient(KinopioCluster cluster, string userId, string? certificatePath)
    {
        try
        {
            return await InTestClient.UseAsync(cluster, async (client, timeout) =>
                (await client.GetGrain<IUserGrain>(userId).GetPublicUser().WaitAsync(timeout))?.Id,
                new Dictionary<string, string?> { ["Kinopio:Tls:CertificatePath"] = certificatePath, ["Kinopio:Tls:CertificatePassword"] = Password });
        }
        catch (Exception e)
        {
            output.WriteLine($"client with {(certificatePath is null ? "no certificate" : Path.GetFileName(certificatePath))}: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }
}
