using System.Runtime.InteropServices;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>The two POSIX calls the harness needs: send a signal to one PID, and "am I root?".</summary>
internal static class Posix
{
    public const int SigQuit = 3;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/> to exactly this process; false when it is gone.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc")]
    private static extern uint geteuid();
}
