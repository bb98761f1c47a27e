using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> in a folder of its own, listening on 127.0.0.1 and
/// a free port, with a database <c>kinopio</c>. As root, initdb and pg_ctl run as the
/// <c>postgres</c> user (initdb refuses root). Stopped with pg_ctl, or by the postmaster's PID.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Database = "kinopio";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly ConcurrentDictionary<PostgresServer, bool> Running = new();

    /// <summary>A test run that ends without disposing a server still shuts it down (SIGQUIT = immediate shutdown).</summary>
    static PostgresServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Keys)
            server.SignalPostmaster(Posix.SigQuit);
    };

    private readonly string binDirectory;
    private readonly string directory;
    private bool running;

    private PostgresServer(string binDirectory, string directory, int port)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        Port = port;
    }

    /// <summary>A free port when created; another one if that was taken before PostgreSQL could bind it.</summary>
    public int Port { get; private set; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database={Database};Username=postgres;Pooling=false";
    private string DataDirectory => Path.Combine(directory, "data");
    private string LogFile => Path.Combine(directory, "postgres.log");

    /// <summary>
    /// The folder holding initdb and pg_ctl: <c>KINOPIO_PG_BIN</c>, else the newest
    /// <c>/usr/lib/postgresql/*/bin</c> (Debian), else whatever is on PATH; null when there is none.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("KINOPIO_PG_BIN") };
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var number) ? number : 0)
                .Select(version => Path.Combine(version, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return candidates.FirstOrDefault(candidate => !string.IsNullOrEmpty(candidate)
            && File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")));
    }

    /// <summary>Creates, starts and fills (database <c>kinopio</c>, no tables yet) a new cluster in <paramref name="directory"/>.</summary>
    public static async Task<PostgresServer> StartNewAsync(string directory)
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL binaries not found");
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(binDirectory, directory, FreePort.Next());
        if (Posix.IsRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);

        await server.AsServerUserAsync($"{server.Tool("initdb")} -D {Quote(server.DataDirectory)} -U postgres --auth=trust -E UTF8 --no-sync");
        var configuration = Path.Combine(server.DataDirectory, "postgresql.conf");
        await File.AppendAllLinesAsync(configuration,
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{directory}'",
        ]);
        for (var attempt = 1; ; attempt++)
        {
            // The last setting of a name wins: each try appends its own port.
            await File.AppendAllLinesAsync(configuration, [$"port = {server.Port}"]);
            var logLength = File.Exists(server.LogFile) ? new FileInfo(server.LogFile).Length : 0;
            try
            {
                await server.StartAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.LoggedSince(logLength, "Address already in use"))
            {
                // Another process took the port after it was picked: try a fresh one.
                Running.TryRemove(server, out _);
                server.Port = FreePort.Next();
            }
        }
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString.Replace($"Database={Database}", "Database=postgres"));
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        Running[this] = true;
        await AsServerUserAsync($"{Tool("pg_ctl")} -D {Quote(DataDirectory)} -l {Quote(LogFile)} -w -t 60 start");
        running = true;
    }

    /// <summary>A clean shutdown (pg_ctl fast mode): every committed transaction is on disk.</summary>
    public async Task StopAsync()
    {
        await AsServerUserAsync($"{Tool("pg_ctl")} -D {Quote(DataDirectory)} -m fast -w -t 60 stop");
        running = false;
        Running.TryRemove(this, out _);
    }

    public async ValueTask DisposeAsync()
    {
        if (!running)
            return;
        try
        {
            await AsServerUserAsync($"{Tool("pg_ctl")} -D {Quote(DataDirectory)} -m immediate -w -t 30 stop");
        }
        catch (Exception)
        {
            SignalPostmaster(Posix.SigKill);
        }
        running = false;
        Running.TryRemove(this, out _);
    }

    private bool LoggedSince(long offset, string text)
    {
        if (!File.Exists(LogFile))
            return false;
        using var log = new StreamReader(File.Open(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        log.BaseStream.Seek(offset, SeekOrigin.Begin);
        return log.ReadToEnd().Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Signals the postmaster by the PID it wrote (first line of postmaster.pid).</summary>
    private void SignalPostmaster(int signal)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            Posix.Signal(pid, signal);
    }

    private string Tool(string name) => Quote(Path.Combine(binDirectory, name));

    private Task AsServerUserAsync(string command) => Posix.IsRoot
        ? RunAsync("su", ["postgres", "-s", "/bin/bash", "-c", command])
        : RunAsync("/bin/bash", ["-c", command]);

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in {CommandTimeout.TotalSeconds} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await errors}");
    }
}
