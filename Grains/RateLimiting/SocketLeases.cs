using Kinopio.Grains.Interfaces;

namespace Kinopio.Grains.RateLimiting;

/// <summary>
/// The WebSockets open for one user or one client address, on every front end of the cluster
/// (contract §11: 20 per user, 20 per address). Each socket is a lease the front end that holds it
/// renews (every 30 s, <c>Realtime:RenewEvery</c>); a front end that dies stops renewing, and its
/// sockets stop counting after <see cref="Lease"/>. A renewal extends only a lease still held: one
/// that reaches the grain after the socket's close never counts the socket again. Lives in grain
/// memory: single-threaded by the grain, never stored (after a silo's loss the counts start over).
/// </summary>
public sealed class SocketLeases(int limit, string holder, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    /// <summary>Seconds a refused client waits (a socket of theirs may close any moment).</summary>
    public const int RetryAfterSeconds = 1;

    private readonly Dictionary<string, DateTimeOffset> _until = [];

    public int Count
    {
        get
        {
            var now = clock.GetUtcNow();
            foreach (var expired in _until.Where(lease => lease.Value <= now).Select(lease => lease.Key).ToList())
                _until.Remove(expired);
            return _until.Count;
        }
    }

    /// <summary>Counts the socket, or the 429 when <paramref name="limit"/> sockets are open already.</summary>
    public Problem? TryOpen(string socketId)
    {
        if (!_until.ContainsKey(socketId) && Count >= limit)
            return new Problem(ProblemKind.RateLimited, $"At most {limit} WebSockets may be open per {holder}", RetryAfterSeconds);
        _until[socketId] = clock.GetUtcNow() + Lease;
        return null;
    }

    public void Close(string socketId) => _until.Remove(socketId);

    public void Renew(IEnumerable<string> socketIds)
    {
        var until = clock.GetUtcNow() + Lease;
        foreach (var socketId in socketIds)
            if (_until.ContainsKey(socketId))
                _until[socketId] = until;
    }
}
