using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Microsoft.Extensions.DependencyInjection;

namespace Kinopio.Grains.Presence;

/// <summary>
/// The front ends with sockets in one space's room, each until it unsubscribes, stops renewing or
/// fails to take a message (a front end that died). Messages fan out from here to the other front
/// ends, one message at a time (the grain is not reentrant), so every front end sees the room's order.
/// </summary>
public sealed class SpaceRoomGrain([FromKeyedServices(KinopioClock.Key)] TimeProvider clock) : Grain, ISpaceRoomGrain
{
    public static readonly TimeSpan SubscriptionLease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

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

    public Task Broadcast(IRoomObserver from, string message) =>
        ToEach(frontEnd => !frontEnd.Equals(from), frontEnd => frontEnd.Deliver(this.GetPrimaryKeyString(), message));

    public Task Recheck(SpaceRecord? space) =>
        ToEach(_ => true, frontEnd => frontEnd.Recheck(this.GetPrimaryKeyString(), space));

    /// <summary>Calls each front end in the room (in parallel) and answers once each took it or was given up on.</summary>
    private async Task ToEach(Func<IRoomObserver, bool> which, Func<IRoomObserver, Task> call)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _frontEnds.Where(frontEnd => frontEnd.Value <= now).Select(frontEnd => frontEnd.Key).ToList())
            _frontEnds.Remove(expired);

        var receivers = _frontEnds.Keys.Where(which).ToList();
        var deliveries = receivers.Select(frontEnd => call(frontEnd).WaitAsync(DeliveryTimeout, clock)).ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        catch
        {
            // A front end that does not take a message in time is gone (or too slow to keep the room waiting):
            // forget it; if it is alive, its next renewal subscribes it again.
            foreach (var failed in receivers.Where((_, i) => !deliveries[i].IsCompletedSuccessfully))
                _frontEnds.Remove(failed);
        }
    }
}
