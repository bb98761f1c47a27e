using System.Diagnostics;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>Waits for a condition by polling it until a deadline; the only way the harness waits.</summary>
internal static class Poll
{
    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                    return;
                lastError = null;
            }
            catch (Exception e) when (e is not FailFastException)
            {
                lastError = e;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException(
            $"{what}: not done after {timeout.TotalSeconds:0} s." +
            (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}") +
            (diagnostics is null ? "" : Environment.NewLine + diagnostics()));
    }
}

/// <summary>Thrown by a polled condition that can never become true (e.g. the process it waits for has exited).</summary>
internal class FailFastException(string message) : Exception(message);

/// <summary>The process waited for exited because another process had taken one of its ports.</summary>
internal sealed class PortTakenException(string message) : FailFastException(message);
