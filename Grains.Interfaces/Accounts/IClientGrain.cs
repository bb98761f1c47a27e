using Orleans.Concurrency;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>The rate-limit bucket of requests without a valid apiKey, one grain per client address (IPv6: per /64).</summary>
[Alias("Kinopio.IClientGrain")]
public interface IClientGrain : IGrainWithStringKey
{
    [Alias("Admit")]
    Task<Problem?> Admit();

    /// <summary>
    /// A WebSocket from this address opens, on any front end: null, or the 429 past
    /// <c>Limits:SocketsPerAddress</c> open at once (contract §11). Costs no token (contract §3).
    /// </summary>
    [Alias("OpenSocket")]
    Task<Problem?> OpenSocket(string socketId);

    [Alias("CloseSocket")]
    Task CloseSocket(string socketId);

    [Alias("RenewSockets"), OneWay]
    Task RenewSockets(IReadOnlyList<string> socketIds);

    /// <summary>
    /// Looks up an apiKey (by its hash) that the front end does not know, paid with a token of this
    /// address: a refused address reaches no key grain. A key that belongs to a user gives the token
    /// back, since its request costs the user's token instead.
    /// </summary>
    [Alias("LookUp")]
    Task<KeyLookup> LookUp(string keyHash);

    /// <summary>
    /// Whether an anonymous socket of this address may view a space's room, paid with a token of this
    /// address: a refused address reaches no space grain (a join of a random id costs its activation
    /// and a storage read, so it costs what an anonymous <c>GET /space/:id</c> costs).
    /// </summary>
    [Alias("ViewRoom")]
    Task<Outcome<RoomView?>> ViewRoom(string spaceId);
}
