using Kinopio.Grains.Interfaces;

namespace Kinopio.Grains.RateLimiting;

/// <summary>
/// At most a number of events within a sliding window (failed sign-ins, reset requests of one email).
/// Lives in grain memory: single-threaded by the grain, never stored.
/// </summary>
public sealed class SlidingWindowLimit(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Queue<DateTimeOffset> _events = new();

    public TimeSpan Window => window;

    /// <summary>The 429 while the window is full, with <c>Retry-After</c> until its oldest event leaves it; else null.</summary>
    public Problem? Refusal()
    {
        var now = clock.GetUtcNow();
        while (_events.TryPeek(out var oldest) && oldest + window <= now)
            _events.Dequeue();
        return _events.Count >= limit ? Problem.RateLimited(_events.Peek() + window - now) : null;
    }

    public void Count() => _events.Enqueue(clock.GetUtcNow());

    /// <summary>No event counted within the window: nothing here would be lost if it were forgotten.</summary>
    public bool IsEmpty
    {
        get
        {
            Refusal();
            return _events.Count == 0;
        }
    }
}
