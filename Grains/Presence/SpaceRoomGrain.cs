using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Microsoft.Extensions.DependencyInjection;

namespace Kinopio.Grains.Presence;

/// <summary>
/// The front ends with sockets in one space's room, each until it unsubscribes, stops renewing or
/// fails to take a message (a front end that died). Messages fan out from here to the other front
/// ends, one message at a time (the grain is not reentrant), so every front end sees the room's order.
/// Which front ends are subscribed is stored (written only when that set changes, never per message):
/// a room grain that died with its silo comes back on another knowing them, each with a fresh lease,
/// so no front end misses the room's messages until its next renewal.
/// </summary>
public sealed class SpaceRoomGrain(
    [PersistentState("room", KinopioStorage.Name)] IPersistentState<RoomState> state,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock) : Grain, ISpaceRoomGrain
{
    public static readonly TimeSpan SubscriptionLease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<IRoomObserver, DateTimeOffset> _frontEnds = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var frontEnd in state.State.FrontEnds)
            _frontEnds[frontEnd] = clock.GetUtcNow() + SubscriptionLease;
        return Task.CompletedTask;
    }

    public async Task Subscribe(IRoomObserver frontEnd)
    {
        var known = _frontEnds.ContainsKey(frontEnd);
        _frontEnds[frontEnd] = clock.GetUtcNow() + SubscriptionLease;
        if (!known)
            await Remember();
    }

    public async Task Unsubscribe(IRoomObserver frontEnd)
    {
        if (_frontEnds.Remove(frontEnd))
            await Remember();
    }

    public Task Broadcast(IRoomObserver from, string message) =>
        ToEach(frontEnd => !frontEnd.Equals(from), frontEnd => frontEnd.Deliver(this.GetPrimaryKeyString(), message));

    public Task Recheck(SpaceRecord? space) =>
        ToEach(_ => true, frontEnd => frontEnd.Recheck(this.GetPrimaryKeyString(), space));

    /// <summary>Calls each front end in the room (in parallel) and answers once each took it or was given up on.</summary>
    private async Task ToEach(Func<IRoomObserver, bool> which, Func<IRoomObserver, Task> call)
    {
        var now = clock.GetUtcNow();
        var gone = _frontEnds.Where(frontEnd => frontEnd.Value <= now).Select(frontEnd => frontEnd.Key).ToList();

        var receivers = _frontEnds.Keys.Except(gone).Where(which).ToList();
        var deliveries = receivers.Select(frontEnd => call(frontEnd).WaitAsync(DeliveryTimeout, clock)).ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        catch
        {
            // A front end that does not take a message in time is gone (or too slow to keep the room waiting):
            // forget it; if it is alive, its next renewal subscribes it again.
            gone.AddRange(receivers.Where((_, i) => !deliveries[i].IsCompletedSuccessfully));
        }

        if (gone.Count(_frontEnds.Remove) > 0)
            await Remember();
    }

    /// <summary>Stores the set of subscribed front ends (an empty room leaves no row).</summary>
    private Task Remember()
    {
        state.State = new RoomState { FrontEnds = [.. _frontEnds.Keys] };
        return _frontEnds.Count == 0 ? state.ClearStateAsync() : state.WriteStateAsync();
    }
}
