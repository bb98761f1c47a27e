using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Realtime;

/// <summary>
/// The WebSockets open on this front end, in all, per client address and per user (contract §11),
/// counted per front end: a user or an address may hold the caps' worth on each Api process.
/// Past the front end's cap an upgrade answers 503; past an address's or a user's, 429 with
/// <c>Retry-After: 1</c> (a socket of theirs may close any moment). A refused upgrade counts nothing.
/// </summary>
public sealed class SocketCounts(IOptions<LimitOptions> limits, IOptions<RealtimeOptions> realtime)
{
    public const int RetryAfterSeconds = 1;

    private readonly Dictionary<string, int> _byAddress = [];
    private readonly Dictionary<string, int> _byUser = [];
    private int _total;

    /// <summary>Counts one more socket of the address (and user, when signed in), or answers why it may not open.</summary>
    public Problem? TryOpen(string address, string? userId)
    {
        lock (_byAddress)
        {
            if (_total >= realtime.Value.MaxSockets)
                return Problem.Unavailable("This server holds as many WebSockets as it can; try again later");
            if (Count(_byAddress, address) >= limits.Value.SocketsPerAddress)
                return TooMany($"At most {limits.Value.SocketsPerAddress} WebSockets may be open per client address");
            if (userId is not null && Count(_byUser, userId) >= limits.Value.SocketsPerUser)
                return TooMany($"At most {limits.Value.SocketsPerUser} WebSockets may be open per user");

            _total++;
            _byAddress[address] = Count(_byAddress, address) + 1;
            if (userId is not null)
                _byUser[userId] = Count(_byUser, userId) + 1;
            return null;
        }
    }

    /// <summary>The socket that <see cref="TryOpen"/> counted has closed.</summary>
    public void Close(string address, string? userId)
    {
        lock (_byAddress)
        {
            _total--;
            Decrement(_byAddress, address);
            if (userId is not null)
                Decrement(_byUser, userId);
        }
    }

    private static Problem TooMany(string message) => new(ProblemKind.RateLimited, message, RetryAfterSeconds);

    private static int Count(Dictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts[key] == 1)
            counts.Remove(key);
        else
            counts[key]--;
    }
}
