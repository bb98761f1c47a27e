using System.Diagnostics;
using System.Net;
using Kinopio.Grains.Hosting.Postgres;
using Npgsql;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// The docker-compose topology as real processes on 127.0.0.1: a throwaway PostgreSQL with the
/// schema applied, two Silo processes (each its own silo and gateway port) and one Api process as a
/// cluster client, all from the built output. Everything it started is stopped on dispose, by PID.
/// </summary>
internal sealed class KinopioCluster : IAsyncDisposable
{
    public const int SiloStatusActive = 3;
    public const int SiloStatusDead = 6;
    private const string ClusterId = "kinopio";
    private const string UnlimitedPermits = "100000";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly TestDirectory directory;
    private readonly ITestOutputHelper output;
    private readonly IReadOnlyDictionary<string, string> siloSettings;
    private readonly SiloNode[] silos;
    private readonly int apiPort = FreePort.Next();
    private ChildProcess? api;

    private KinopioCluster(TestDirectory directory, PostgresServer postgres, ITestOutputHelper output,
        IReadOnlyDictionary<string, string> siloSettings, int siloCount)
    {
        this.directory = directory;
        Postgres = postgres;
        this.output = output;
        this.siloSettings = siloSettings;
        silos = Enumerable.Range(0, siloCount).Select(index => new SiloNode(index, FreePort.Next(), FreePort.Next())).ToArray();
        Client = new KinopioClient(new Uri($"http://127.0.0.1:{apiPort}"), connections: 64);
        Directory.CreateDirectory(LogDirectory);
    }

    public PostgresServer Postgres { get; }
    public KinopioClient Client { get; }
    private string LogDirectory => Path.Combine(directory.Path, "logs");

    /// <param name="siloSettings">Extra configuration for the silos (environment variable names, e.g. Kinopio__Membership__ProbeTimeout).</param>
    public static async Task<KinopioCluster> StartAsync(ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? siloSettings = null, int siloCount = 2)
    {
        var clock = Stopwatch.StartNew();
        var directory = new TestDirectory();
        PostgresServer postgres;
        try
        {
            postgres = await PostgresServer.StartNewAsync(Path.Combine(directory.Path, "postgres"));
        }
        catch
        {
            directory.Dispose();
            throw;
        }

        var cluster = new KinopioCluster(directory, postgres, output, siloSettings ?? new Dictionary<string, string>(), siloCount);
        try
        {
            await PostgresSchema.ApplyAsync(postgres.ConnectionString);
            await cluster.StartProcessesAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        output.WriteLine($"cluster up in {clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL :{postgres.Port}, "
            + string.Join(", ", cluster.silos.Select(silo => $"silo{silo.Index} :{silo.SiloPort}/:{silo.GatewayPort} pid {silo.Process!.Pid}"))
            + $", api :{cluster.apiPort} pid {cluster.api!.Pid}; files in {directory.Path}");
        return cluster;
    }

    /// <summary><c>kill -9</c> one silo: no shutdown, its membership row stays Active until the others vote it dead.</summary>
    public void KillSilo(int index) => silos[index].Process!.Kill();

    /// <summary>Stops the Api, the silos (gracefully) and PostgreSQL, then starts them all again on the same ports.</summary>
    public async Task RestartEverythingAsync()
    {
        var clock = Stopwatch.StartNew();
        await api!.StopAsync(StopGrace);
        await Task.WhenAll(silos.Select(silo => silo.Process!.StopAsync(StopGrace)));
        await Postgres.StopAsync();
        output.WriteLine($"everything stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        await Postgres.StartAsync();
        await StartProcessesAsync();
        output.WriteLine($"everything restarted in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The status (SiloStatus number) of the newest membership row of this silo's address.</summary>
    public async Task<int?> SiloStatusAsync(int index) => (await NewestMembershipRowAsync(silos[index].SiloPort))?.Status;

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
            await api.DisposeAsync();
        foreach (var silo in silos.Where(silo => silo.Process is not null))
            await silo.Process!.DisposeAsync();
        Client.Dispose();
        await Postgres.DisposeAsync();
        directory.Dispose();
    }

    private async Task StartProcessesAsync()
    {
        await Task.WhenAll(silos.Select(StartSiloAsync));
        await StartApiAsync();
    }

    private async Task StartSiloAsync(SiloNode silo)
    {
        var previousGeneration = (await NewestMembershipRowAsync(silo.SiloPort))?.Generation ?? 0;
        var environment = new Dictionary<string, string>(siloSettings)
        {
            ["ConnectionStrings__Postgres"] = Postgres.ConnectionString,
            ["Kinopio__SiloPort"] = silo.SiloPort.ToString(),
            ["Kinopio__GatewayPort"] = silo.GatewayPort.ToString(),
            ["Kinopio__AdvertisedHost"] = "127.0.0.1",
            ["Kinopio__ClusterId"] = ClusterId,
            // The token buckets live in grains: in cluster mode the silos read the rate limits.
            ["RateLimit__PermitsPerSecond"] = UnlimitedPermits,
        };
        var process = silo.Process = ChildProcess.StartDotnet($"silo{silo.Index}", BuiltOutput.SiloDll, [], environment,
            Path.Combine(LogDirectory, $"silo{silo.Index}.log"));

        await Poll.UntilAsync($"silo{silo.Index} Active in the membership table", StartTimeout, async () =>
        {
            if (process.HasExited)
                throw new FailFastException($"silo{silo.Index} exited");
            var row = await NewestMembershipRowAsync(silo.SiloPort);
            return row is { } newest && newest.Generation > previousGeneration && newest.Status == SiloStatusActive;
        }, process.Tail);
    }

    private async Task StartApiAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = Postgres.ConnectionString,
            ["Kinopio__ClusterId"] = ClusterId,
            ["RateLimit__PermitsPerSecond"] = UnlimitedPermits,
        };
        var process = api = ChildProcess.StartDotnet("api", BuiltOutput.ApiDll, ["--urls", $"http://127.0.0.1:{apiPort}"],
            environment, Path.Combine(LogDirectory, "api.log"));

        await Poll.UntilAsync("Api ready (GET /health/ready = 200)", StartTimeout, async () =>
        {
            if (process.HasExited)
                throw new FailFastException("the Api exited");
            return await Client.GetStatusAsync("/health/ready") == HttpStatusCode.OK;
        }, process.Tail);
    }

    private async Task<MembershipRow?> NewestMembershipRowAsync(int siloPort)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port " +
            "ORDER BY Generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("port", siloPort);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new MembershipRow(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    private sealed class SiloNode(int index, int siloPort, int gatewayPort)
    {
        public int Index { get; } = index;
        public int SiloPort { get; } = siloPort;
        public int GatewayPort { get; } = gatewayPort;
        public ChildProcess? Process { get; set; }
    }

    private sealed record MembershipRow(int Generation, int Status);
}
