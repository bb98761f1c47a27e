using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Presence;

/// <summary>
/// Where one user is now, in its UserGrain's memory (contract §6): one visit per socket in a room
/// (until it leaves, or its lease runs out because its front end stopped renewing it) and one per
/// space read or edited over REST (60 seconds). No timers: expiry is read from the clock.
/// </summary>
public sealed class UserPresence(TimeProvider clock)
{
    public static readonly TimeSpan RequestLease = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan SocketLease = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, Visit> _visits = [];

    /// <summary>Visits that ended by leaving, newest last: a renewal sent before the leave must not bring one back.</summary>
    private readonly LinkedList<string> _left = [];
    private const int LeftRemembered = 256;

    private sealed record Visit(SpaceSummary Space, DateTimeOffset Since, DateTimeOffset Until);

    public static string SocketVisit(string socketId) => $"socket:{socketId}";
    public static string RequestVisit(string spaceId) => $"request:{spaceId}";

    public bool IsPresent => Current().Any();

    /// <summary>A new visit (a join or a request): the latest one decides which space the user is listed in.</summary>
    public void Enter(string visit, SpaceSummary space, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        _visits[visit] = new Visit(space, now, now + lease);
    }

    /// <summary>Keeps a visit going without making it the latest; false if there is no such visit (any more).</summary>
    public bool Renew(string visit, TimeSpan lease)
    {
        if (!_visits.TryGetValue(visit, out var current) || current.Until <= clock.GetUtcNow())
            return false;
        _visits[visit] = current with { Until = clock.GetUtcNow() + lease };
        return true;
    }

    public void Leave(string visit)
    {
        _visits.Remove(visit);
        _left.AddLast(visit);
        if (_left.Count > LeftRemembered)
            _left.RemoveFirst();
    }

    public bool HasLeft(string visit) => _left.Contains(visit);

    /// <summary>The open space of the latest visit still going, if any.</summary>
    public CurrentPublicSpace? CurrentPublicSpace() => Current()
        .Where(visit => visit.Space.Privacy == SpacePrivacy.Open)
        .OrderByDescending(visit => visit.Since)
        .Select(visit => Interfaces.Presence.CurrentPublicSpace.Of(visit.Space))
        .FirstOrDefault();

    private IEnumerable<Visit> Current()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _visits.Where(pair => pair.Value.Until <= now).Select(pair => pair.Key).ToList())
            _visits.Remove(expired);
        return _visits.Values;
    }
}
