using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The bucket of one client address for requests without a valid apiKey, and the door to the key
/// index for keys a front end does not know and to the rooms anonymous sockets join. Non-reentrant: one address's lookups run one at a time,
/// each after its token is taken, so a flood of made-up keys stops at the bucket.
/// </summary>
public sealed class ClientGrain(
    IOptions<RateLimitOptions> limits,
    IOptions<LimitOptions> caps,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock,
    KinopioMetrics metrics)
    : Grain, IClientGrain
{
    private readonly TokenBucket _bucket = new(limits.Value, clock);
    private readonly SocketLeases _sockets = new(caps.Value.SocketsPerAddress, "client address", clock);

    public Task<Problem?> Admit() => Task.FromResult(Take());

    public Task<Problem?> OpenSocket(string socketId) => Task.FromResult(_sockets.TryOpen(socketId));

    public Task CloseSocket(string socketId)
    {
        _sockets.Close(socketId);
        return Task.CompletedTask;
    }

    public Task RenewSockets(IReadOnlyList<string> socketIds)
    {
        _sockets.Renew(socketIds);
        return Task.CompletedTask;
    }

    public async Task<KeyLookup> LookUp(string keyHash)
    {
        if (Take() is { } refused)
            return new KeyLookup(null, refused);
        var userId = await GrainFactory.GetGrain<IApiKeyGrain>(keyHash).GetUserId();
        if (userId is not null)
            _bucket.GiveBack();
        return new KeyLookup(userId, null);
    }

    public async Task<Outcome<RoomView?>> ViewRoom(string spaceId) =>
        Take() is { } refused ? refused : await GrainFactory.GetGrain<ISpaceGrain>(spaceId).ViewRoom(SpaceAccess.Anonymous);

    private Problem? Take() => metrics.RateLimited(_bucket.TryTake(), RateLimitReason.Address);
}
