using System.Diagnostics;
using System.Net;
using Kinopio.Grains.Hosting.Postgres;
using Npgsql;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// The docker-compose topology as real processes on 127.0.0.1: a throwaway PostgreSQL with the
/// schema applied, two Silo processes (each its own silo and gateway port) and one or more Api
/// processes as cluster clients (front ends), all from the built output. Everything it started is
/// stopped on dispose, by PID.
/// Ports are picked free long before a process binds them, so another test process may take one
/// meanwhile: a process is only believed once it proves it is the one on its ports (an Api prints
/// that it listens there, a silo writes its row in this cluster's own PostgreSQL), and one that exits
/// because a port was taken is started again on fresh ports.
/// </summary>
internal sealed class KinopioCluster : IAsyncDisposable
{
    public const int SiloStatusActive = 3;
    public const int SiloStatusDead = 6;
    /// <summary>Not the default identity, which a cluster outside Development refuses.</summary>
    public const string ClusterId = "kinopio-tests";
    private const string UnlimitedPermits = "100000";
    private static readonly string[] RateLimitVariables = ["RateLimit__PermitsPerSecond", "RateLimit__BlockSeconds"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    /// <summary>How a process says it could not bind a port (Kestrel, and the SocketException of an Orleans silo).</summary>
    private const string AddressInUse = "address already in use";

    /// <summary>Tries per process start; all but the last may end on a port another process took.</summary>
    private const int StartAttempts = 3;

    private readonly TestDirectory directory;
    private readonly ITestOutputHelper output;
    private readonly IReadOnlyDictionary<string, string> siloSettings;
    private readonly IReadOnlyDictionary<string, string> apiSettings;
    private readonly RateLimits rateLimits;
    private readonly SiloNode[] silos;
    private readonly ApiNode[] apis;

    private KinopioCluster(TestDirectory directory, PostgresServer postgres, ITestOutputHelper output,
        IReadOnlyDictionary<string, string> siloSettings, IReadOnlyDictionary<string, string> apiSettings,
        int siloCount, int apiCount, RateLimits rateLimits, IReadOnlyList<int>? ports)
    {
        this.directory = directory;
        Postgres = postgres;
        this.output = output;
        this.siloSettings = siloSettings;
        this.apiSettings = apiSettings;
        this.rateLimits = rateLimits;
        var given = new Queue<int>(ports ?? []);
        int Next() => given.TryDequeue(out var port) ? port : FreePort.Next();
        silos = Enumerable.Range(0, siloCount).Select(index => new SiloNode(index) { SiloPort = Next(), GatewayPort = Next() }).ToArray();
        apis = Enumerable.Range(0, apiCount).Select(index => new ApiNode(index) { Port = Next() }).ToArray();
        Directory.CreateDirectory(LogDirectory);
    }

    public PostgresServer Postgres { get; }

    /// <summary>The client of the first Api front end.</summary>
    public KinopioClient Client => apis[0].Client;

    /// <summary>One client per Api front end, in start order.</summary>
    public IReadOnlyList<KinopioClient> Clients => [.. apis.Select(api => api.Client)];

    private string LogDirectory => Path.Combine(directory.Path, "logs");

    /// <summary>The HTTP address (the server root) of one Api front end.</summary>
    public Uri ApiUri(int frontEnd) => new($"http://127.0.0.1:{apis[frontEnd].Port}/");

    /// <summary>
    /// Every line one Api front end has printed so far (stdout and stderr, as its log file holds
    /// them; a front end started again appends to the same file).
    /// </summary>
    public IReadOnlyList<string> ApiOutput(int frontEnd)
    {
        using var log = new StreamReader(File.Open(Path.Combine(LogDirectory, $"api{frontEnd}.log"),
            FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        var lines = new List<string>();
        while (log.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }

    /// <summary>The realtime WebSocket address (the server root) of one Api front end, with <c>?apiKey=</c> when given.</summary>
    public Uri RealtimeUri(int frontEnd, string? apiKey = null) =>
        new($"ws://127.0.0.1:{apis[frontEnd].Port}/" + (apiKey is null ? "" : $"?apiKey={Uri.EscapeDataString(apiKey)}"));

    /// <param name="siloSettings">Extra configuration for the silos (environment variable names, e.g. Kinopio__Membership__ProbeTimeout).</param>
    /// <param name="apiSettings">Extra configuration for the Api processes (environment variable names, e.g. Logging__LogLevel__…).</param>
    /// <param name="apiCount">How many Api front ends (cluster clients, each its own HTTP port).</param>
    /// <param name="rateLimits">
    /// <see cref="RateLimits.Raised"/> (what most tests want: they are not about the limits) or
    /// <see cref="RateLimits.Default"/>: no RateLimit setting at all, not even one inherited from the
    /// test run's environment, so the processes run on the defaults a user gets (contract §3).
    /// </param>
    /// <param name="ports">
    /// The ports to start on, in this order: each silo's silo and gateway port, then each Api's HTTP
    /// port; free ones for those not given, and for a process started again because one was taken.
    /// </param>
    public static async Task<KinopioCluster> StartAsync(ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? siloSettings = null, int siloCount = 2, int apiCount = 1,
        RateLimits rateLimits = RateLimits.Raised, IReadOnlyList<int>? ports = null,
        IReadOnlyDictionary<string, string>? apiSettings = null)
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

        var cluster = new KinopioCluster(directory, postgres, output, siloSettings ?? new Dictionary<string, string>(),
            apiSettings ?? new Dictionary<string, string>(), siloCount, apiCount, rateLimits, ports);
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
            + ", " + string.Join(", ", cluster.apis.Select(api => $"api{api.Index} :{api.Port} pid {api.Process!.Pid}"))
            + $", rate limits {rateLimits.ToString().ToLowerInvariant()}; files in {directory.Path}");
        return cluster;
    }

    /// <summary><c>kill -9</c> one silo: no shutdown, its membership row stays Active until the others vote it dead.</summary>
    public void KillSilo(int index) => silos[index].Process!.Kill();

    /// <summary>
    /// Silo settings for faster failure detection than Orleans' defaults (probe timeout 5 s, 3 missed
    /// probes), through the documented Kinopio:Membership keys, so a test that kills a silo settles sooner.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastFailureDetection = new Dictionary<string, string>
    {
        ["Kinopio__Membership__ProbeTimeout"] = "00:00:02",
        ["Kinopio__Membership__NumMissedProbesLimit"] = "2",
    };

    /// <summary>The index of the silo listening on <paramref name="siloPort"/> (an Orleans SiloAddress's port).</summary>
    public int SiloIndexOf(int siloPort) => Array.FindIndex(silos, silo => silo.SiloPort == siloPort);

    /// <summary>
    /// Stops the Apis, the silos (gracefully) and PostgreSQL, then starts them all again on the same
    /// ports (a silo or Api whose port another process took meanwhile gets fresh ones; its client follows).
    /// </summary>
    public async Task RestartEverythingAsync()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(apis.Select(api => api.Process!.StopAsync(StopGrace)));
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
        // A test that failed on "connection refused" says why: which process died, and its last words.
        foreach (var process in apis.Select(api => api.Process).Concat(silos.Select(silo => silo.Process)).OfType<ChildProcess>())
            if (process.ExitedOnItsOwn)
                output.WriteLine($"{process.Name} exited on its own (exit code {process.ExitCode}){Environment.NewLine}{process.Tail()}");
        foreach (var api in apis.Where(api => api.Process is not null))
            await api.Process!.DisposeAsync();
        foreach (var silo in silos.Where(silo => silo.Process is not null))
            await silo.Process!.DisposeAsync();
        foreach (var api in apis)
            api.Client.Dispose();
        await Postgres.DisposeAsync();
        directory.Dispose();
    }

    private async Task StartProcessesAsync()
    {
        await Task.WhenAll(silos.Select(StartSiloAsync));
        await Task.WhenAll(apis.Select(StartApiAsync));
    }

    /// <summary>The rate-limit part of a process's environment.</summary>
    private Dictionary<string, string?> RateLimitEnvironment() => rateLimits == RateLimits.Raised
        ? new() { ["RateLimit__PermitsPerSecond"] = UnlimitedPermits }
        : RateLimitVariables.ToDictionary(name => name, _ => (string?)null);

    private async Task StartSiloAsync(SiloNode silo)
    {
        for (var attempt = 1; ; attempt++)
        {
            var previousGeneration = (await NewestMembershipRowAsync(silo.SiloPort))?.Generation ?? 0;
            // The token buckets live in grains: in cluster mode the silos read the rate limits.
            var environment = RateLimitEnvironment();
            foreach (var (key, value) in siloSettings)
                environment[key] = value;
            environment["ConnectionStrings__Postgres"] = Postgres.ConnectionString;
            environment["Kinopio__SiloPort"] = silo.SiloPort.ToString();
            environment["Kinopio__GatewayPort"] = silo.GatewayPort.ToString();
            environment["Kinopio__AdvertisedHost"] = "127.0.0.1";
            environment["Kinopio__ClusterId"] = ClusterId;
            environment["Kinopio__ServiceId"] = ClusterId;
            var process = silo.Process = ChildProcess.StartDotnet($"silo{silo.Index}", BuiltOutput.SiloDll, [], environment,
                Path.Combine(LogDirectory, $"silo{silo.Index}.log"), watchFor: [AddressInUse]);
            try
            {
                // Only this process can write a new generation for its port into this cluster's own
                // PostgreSQL, and a silo turns Active only after binding its silo and gateway ports.
                await Poll.UntilAsync($"silo{silo.Index} Active in the membership table", StartTimeout, async () =>
                {
                    if (process.HasExited)
                        throw await ExitedAsync(process);
                    var row = await NewestMembershipRowAsync(silo.SiloPort);
                    return row is { } newest && newest.Generation > previousGeneration && newest.Status == SiloStatusActive;
                }, process.Tail);
                return;
            }
            catch (PortTakenException) when (attempt < StartAttempts)
            {
                await process.DisposeAsync();
                var taken = $":{silo.SiloPort}/:{silo.GatewayPort}";
                (silo.SiloPort, silo.GatewayPort) = (FreePort.Next(), FreePort.Next());
                output.WriteLine($"silo{silo.Index}: a port of {taken} was taken by another process; starting it again on :{silo.SiloPort}/:{silo.GatewayPort}");
            }
        }
    }

    private async Task StartApiAsync(ApiNode api)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Same as the silos', though a cluster client does not use it (an embedded silo would).
            var environment = RateLimitEnvironment();
            environment["ConnectionStrings__Postgres"] = Postgres.ConnectionString;
            environment["Kinopio__ClusterId"] = ClusterId;
            environment["Kinopio__ServiceId"] = ClusterId;
            // Kestrel's "Now listening on" line is an Information of this category: shown whatever the test run's environment says.
            environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            foreach (var (key, value) in apiSettings)
                environment[key] = value;
            var listening = $"Now listening on: http://127.0.0.1:{api.Port}";
            var process = api.Process = ChildProcess.StartDotnet($"api{api.Index}", BuiltOutput.ApiDll,
                ["--urls", $"http://127.0.0.1:{api.Port}"], environment, Path.Combine(LogDirectory, $"api{api.Index}.log"),
                watchFor: [listening, AddressInUse]);
            try
            {
                await Poll.UntilAsync($"api{api.Index} listening on :{api.Port} and ready (GET /health/ready = 200)", StartTimeout, async () =>
                {
                    if (process.HasExited)
                        throw await ExitedAsync(process);
                    // Until it says it listens there, whoever answers on the port may be another test process's server.
                    return process.HasPrinted(listening) && await api.Client.GetStatusAsync("/health/ready") == HttpStatusCode.OK;
                }, process.Tail);
                return;
            }
            catch (PortTakenException) when (attempt < StartAttempts)
            {
                await process.DisposeAsync();
                var taken = api.Port;
                api.Port = FreePort.Next();
                output.WriteLine($"api{api.Index}: port {taken} was taken by another process; starting it again on :{api.Port}");
            }
        }
    }

    /// <summary>Why a process exited while starting: a port another process took (worth another try), or anything else.</summary>
    private static async Task<Exception> ExitedAsync(ChildProcess process) => await process.ExitedSayingAsync(AddressInUse)
        ? new PortTakenException($"{process.Name} exited: one of its ports was taken by another process (\"{AddressInUse}\")")
        : new FailFastException($"{process.Name} exited (exit code {process.ExitCode})");

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

    /// <summary>One silo process; its ports change only when it had to start again because one was taken.</summary>
    private sealed class SiloNode(int index)
    {
        public int Index { get; } = index;
        public required int SiloPort { get; set; }
        public required int GatewayPort { get; set; }
        public ChildProcess? Process { get; set; }
    }

    /// <summary>One Api process; its client follows its port, which changes only when it had to start again because it was taken.</summary>
    private sealed class ApiNode
    {
        public ApiNode(int index) => (Index, Client) = (index, new KinopioClient(() => new Uri($"http://127.0.0.1:{Port}"), connections: 64));

        public int Index { get; }
        public required int Port { get; set; }
        public KinopioClient Client { get; }
        public ChildProcess? Process { get; set; }
    }

    private sealed record MembershipRow(int Generation, int Status);
}

/// <summary>The rate limits a <see cref="KinopioCluster"/> runs with.</summary>
internal enum RateLimits
{
    /// <summary>High enough that no test is ever refused.</summary>
    Raised,

    /// <summary>The defaults a user gets (5 per second, 30 s block): no setting given, none inherited.</summary>
    Default,
}
