namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// Requests sent one after another, as fast as they go, until one is refused, so a rate-limit test
/// always meets its 429 and can count what the bucket let through.
/// </summary>
internal static class Burst
{
    /// <summary>Requests of a burst at most: on the default limits a 429 must come unless they took over 11 s (60 > 5 + 5 × 11).</summary>
    public const int MaxRequests = 60;

    /// <summary>
    /// The most requests a full bucket of <paramref name="permitsPerSecond"/> tokens (refilled
    /// continuously) admits within <paramref name="elapsed"/>: its tokens and what refilled meanwhile.
    /// </summary>
    public static int MostAdmitted(int permitsPerSecond, TimeSpan elapsed) =>
        permitsPerSecond + (int)Math.Floor(elapsed.TotalSeconds * permitsPerSecond);

    /// <summary>
    /// Sends (<paramref name="send"/> with the request's index) until <paramref name="refused"/> holds
    /// for an answer, at most <see cref="MaxRequests"/>; fails when none was refused.
    /// </summary>
    public static async Task<List<T>> UntilRefusedAsync<T>(Func<int, Task<T>> send, Func<T, bool> refused)
    {
        var sent = new List<T>();
        for (var index = 0; index < MaxRequests; index++)
        {
            sent.Add(await send(index));
            if (refused(sent[^1]))
                return sent;
        }
        Assert.Fail($"{MaxRequests} requests one after another and not one refused");
        return sent;
    }
}
