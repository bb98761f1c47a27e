using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// A <c>dotnet some.dll</c> process this test run started. Its output goes to a log file (and the
/// last lines stay in memory for error messages); it is stopped by its own PID, never by name.
/// Processes still running when the test run exits are killed then. It inherits the test run's
/// environment, with <c>environment</c> on top (a null value removes an inherited variable).
/// Lines that contain one of the <c>watchFor</c> texts are all kept, from the first one on: they are
/// what the harness waits for (a process saying it listens, or that its port was taken).
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 60;
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Queue<string> tail = new();
    private readonly IReadOnlyList<string> watchFor;
    private readonly ConcurrentQueue<string> watched = new();
    private volatile bool stopRequested;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Running.Values)
            child.Kill();
    };

    private ChildProcess(string name, Process process, StreamWriter log, IReadOnlyList<string> watchFor)
    {
        Name = name;
        this.process = process;
        this.log = log;
        this.watchFor = watchFor;
    }

    public string Name { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>It exited without being stopped or killed by the test (a crash, a port it could not bind).</summary>
    public bool ExitedOnItsOwn => !stopRequested && process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ChildProcess StartDotnet(string name, string dll, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, string logPath, IReadOnlyList<string>? watchFor = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        var log = new StreamWriter(File.Open(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process, log, watchFor ?? []);
        process.OutputDataReceived += (_, line) => child.Record(line.Data);
        process.ErrorDataReceived += (_, line) => child.Record(line.Data);
        process.Start();
        Running[process.Id] = child;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Whether it printed a line containing <paramref name="text"/> (case-insensitive; only lines with a watched text are kept).</summary>
    public bool HasPrinted(string text) => watched.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Once it has exited: whether it printed <paramref name="text"/> (a watched one), all of its output read.</summary>
    public async Task<bool> ExitedSayingAsync(string text)
    {
        // WaitForExitAsync also waits for the end of the redirected output.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Output still open after 10 s: answer from what was read.
        }
        return HasPrinted(text);
    }

    /// <summary><c>kill -9</c>: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        stopRequested = true;
        if (!process.HasExited)
            Posix.Signal(process.Id, Posix.SigKill);
        process.WaitForExit(10_000);
        Running.TryRemove(process.Id, out _);
    }

    /// <summary>SIGTERM (a graceful shutdown), then <c>kill -9</c> if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        stopRequested = true;
        if (!process.HasExited)
        {
            Posix.Signal(process.Id, Posix.SigTerm);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: fall through to kill -9.
            }
        }
        Kill();
    }

    /// <summary>The last lines it printed, for error messages.</summary>
    public string Tail()
    {
        lock (tail)
            return $"--- last output of {Name} (pid {process.Id}) ---{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
        lock (tail)
            log.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        if (watchFor.Any(text => line.Contains(text, StringComparison.OrdinalIgnoreCase)))
            watched.Enqueue(line);
        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines)
                tail.Dequeue();
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after dispose is dropped.
            }
        }
    }
}
