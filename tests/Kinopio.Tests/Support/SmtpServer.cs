using System.Diagnostics;
using System.Net.Sockets;

namespace Kinopio.Tests.Support;

/// <summary>
/// A real SMTP server process for the tests: Debian's aiosmtpd on a free loopback port, its Mailbox
/// handler storing every message it accepts in a maildir (<c>./test.sh</c> installs python3-aiosmtpd).
/// Debian's own Python is used, since a <c>python3</c> earlier on PATH may lack the module.
/// </summary>
public sealed class SmtpServer : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    public int Port { get; } = FreePorts.Next();
    public string MaildirPath { get; } = Path.Combine(Path.GetTempPath(), "kinopio-tests", $"smtp-{Guid.NewGuid():N}");
    public MailFolder Inbox => new(Path.Combine(MaildirPath, "new"));

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MaildirPath })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        var waited = Stopwatch.StartNew();
        while (!await Accepts())
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                Stop();
                throw new InvalidOperationException(
                    $"aiosmtpd did not listen on port {Port} (is python3-aiosmtpd installed? ./test.sh installs it): {await _process.StandardError.ReadToEndAsync()}");
            }
            await Task.Delay(50);
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<bool> Accepts()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }
}
