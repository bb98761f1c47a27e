using System.Text.Json.Nodes;

namespace Kinopio.Api.Realtime;

/// <summary>
/// Contract §11: one <c>joinSpaceRoom</c> of a socket is applied per second. A join within the
/// second after the last applied one waits; a later one replaces the waiting one, which is then
/// applied when the second ends (the client never sends a join again, so the last is never lost).
/// The clock is the keyed <see cref="TimeProvider"/>, so tests move the second on with a fake clock.
/// </summary>
public sealed class JoinThrottle(TimeProvider clock, Action due) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _nextAt = DateTimeOffset.MinValue;
    private JsonObject? _waiting;
    private ITimer? _timer;

    /// <summary>The join to apply now, or null when it waits for the second to end (<c>due</c> is called then).</summary>
    public JsonObject? Offer(JsonObject join)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_waiting is null && now >= _nextAt)
            {
                _nextAt = now + Interval;
                return join;
            }

            _waiting = join;
            _timer ??= clock.CreateTimer(_ => due(), null, _nextAt - now, Timeout.InfiniteTimeSpan);
            return null;
        }
    }

    /// <summary>The waiting join, once its second has ended (null: none waits, or it was already taken).</summary>
    public JsonObject? TakeDue()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            var waiting = _waiting;
            _waiting = null;
            if (waiting is not null)
                _nextAt = clock.GetUtcNow() + Interval;
            return waiting;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            _waiting = null;
        }
    }
}
