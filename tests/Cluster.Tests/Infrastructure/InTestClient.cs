using Kinopio.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// An Orleans client of a test cluster in the test's own process, configured the way the Api
/// configures its own (<c>UseKinopio</c>): for what only the cluster can tell (where a grain lives)
/// or what a test proves about joining it (TLS).
/// </summary>
internal static class InTestClient
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Starts a client with the cluster's settings plus <paramref name="settings"/>, runs <paramref name="use"/>, and stops it.</summary>
    public static async Task<T> UseAsync<T>(KinopioCluster cluster, Func<IClusterClient, CancellationToken, Task<T>> use,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = cluster.Postgres.ConnectionString,
            ["Kinopio:ClusterId"] = KinopioCluster.ClusterId,
            ["Kinopio:ServiceId"] = KinopioCluster.ClusterId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleansClient(client => client.UseKinopio(builder.Configuration));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(JoinTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return await use(host.Services.GetRequiredService<IClusterClient>(), timeout.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
