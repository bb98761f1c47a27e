using Kinopio.Grains.Interfaces;

namespace Kinopio.Grains.RateLimiting;

/// <summary>
/// A token bucket refilled lazily from the clock: full at start, one token per request. A request
/// that finds it empty starts a block during which every request is refused; after the block the
/// bucket is full again. Lives in grain memory: single-threaded by the grain, never stored.
/// </summary>
public sealed class TokenBucket(RateLimitOptions options, TimeProvider clock)
{
    private readonly double _capacity = options.PermitsPerSecond;
    private double _tokens = options.PermitsPerSecond;
    private DateTimeOffset _refilledAt = clock.GetUtcNow();
    private DateTimeOffset? _blockedUntil;

    /// <summary>Takes one token, or answers the rate-limited problem.</summary>
    public Problem? TryTake()
    {
        var now = clock.GetUtcNow();
        if (_blockedUntil is { } until)
        {
            if (now < until)
                return Problem.RateLimited(SecondsLeft(until - now));
            _blockedUntil = null;
            _tokens = _capacity;
            _refilledAt = now;
        }

        _tokens = Math.Min(_capacity, _tokens + (now - _refilledAt).TotalSeconds * options.PermitsPerSecond);
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return null;
        }

        var block = TimeSpan.FromSeconds(options.BlockSeconds);
        _blockedUntil = now + block;
        return Problem.RateLimited(SecondsLeft(block));
    }

    /// <summary>Returns a token just taken for a request that turned out to be paid by another bucket.</summary>
    public void GiveBack() => _tokens = Math.Min(_capacity, _tokens + 1);

    private static int SecondsLeft(TimeSpan left) => Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
}
