using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace Kinopio.Grains.Presence;

/// <summary>
/// The front ends with sockets in one space's room, each until it unsubscribes or stops renewing
/// (a front end that died). Messages fan out from here to the other front ends, one-way.
/// </summary>
public sealed class SpaceRoomGrain([FromKeyedServices(KinopioClock.Key)] TimeProvider clock) : Grain, ISpaceRoomGrain
{
    public static readonly TimeSpan SubscriptionLease = TimeSpan.FromMinutes(2);

    private readonly Dictionary<IRoomObserver, DateTimeOffset> _frontEnds = [];

    public Task Subscribe(IRoomObserver frontEnd)
    {
        _frontEnds[frontEnd] = clock.GetUtcNow() + SubscriptionLease;
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IRoomObserver frontEnd)
    {
        _frontEnds.Remove(frontEnd);
        return Task.CompletedTask;
    }

    public Task Broadcast(IRoomObserver from, string message)
    {
        var now = clock.GetUtcNow();
        foreach (var (frontEnd, until) in _frontEnds.ToList())
        {
            if (until <= now)
                _frontEnds.Remove(frontEnd);
            else if (!frontEnd.Equals(from))
                _ = frontEnd.Deliver(this.GetPrimaryKeyString(), message);
        }

        return Task.CompletedTask;
    }
}
