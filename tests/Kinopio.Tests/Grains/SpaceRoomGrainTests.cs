using System.Collections.Concurrent;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>A room grain fans messages out to the other subscribed front ends, and forgets front ends that stopped renewing.</summary>
[Collection(GrainCluster.Name)]
public sealed class SpaceRoomGrainTests(GrainCluster cluster)
{
    private sealed class FrontEnd : IRoomObserver
    {
        public BlockingCollection<string> Received { get; } = [];

        public Task Deliver(string spaceId, string message)
        {
            Received.Add($"{spaceId}:{message}");
            return Task.CompletedTask;
        }

        public Task Recheck(string spaceId, SpaceRecord? space)
        {
            Received.Add($"{spaceId}:recheck {space?.Privacy ?? "deleted"}");
            return Task.CompletedTask;
        }

        public string Next() => Received.TryTake(out var message, TimeSpan.FromSeconds(10)) ? message : "nothing";
    }

    [Fact]
    public async Task A_broadcast_reaches_every_other_front_end_in_order_and_not_its_sender()
    {
        var room = cluster.Grains.GetGrain<ISpaceRoomGrain>(Ids.New());
        var (sender, other) = (new FrontEnd(), new FrontEnd());
        var senderRef = cluster.Grains.CreateObjectReference<IRoomObserver>(sender);
        await room.Subscribe(senderRef);
        await room.Subscribe(cluster.Grains.CreateObjectReference<IRoomObserver>(other));

        for (var i = 0; i < 20; i++)
            await room.Broadcast(senderRef, $"message {i}");

        for (var i = 0; i < 20; i++)
            Assert.Equal($"{room.GetPrimaryKeyString()}:message {i}", other.Next());
        Assert.Empty(sender.Received);
    }

    [Fact]
    public async Task A_room_grain_that_comes_back_still_reaches_the_front_ends_subscribed_before_without_their_renewal()
    {
        var room = cluster.Grains.GetGrain<ISpaceRoomGrain>(Ids.New());
        var (sender, other) = (new FrontEnd(), new FrontEnd());
        var senderRef = cluster.Grains.CreateObjectReference<IRoomObserver>(sender);
        await room.Subscribe(senderRef);
        await room.Subscribe(cluster.Grains.CreateObjectReference<IRoomObserver>(other));

        await room.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await room.Broadcast(senderRef, "after the loss");

        Assert.Equal($"{room.GetPrimaryKeyString()}:after the loss", other.Next());
        Assert.Empty(sender.Received);
    }

    [Fact]
    public async Task A_front_end_that_stops_renewing_is_dropped_and_one_that_renews_is_kept()
    {
        var room = cluster.Grains.GetGrain<ISpaceRoomGrain>(Ids.New());
        var (renewing, silent) = (new FrontEnd(), new FrontEnd());
        var renewingRef = cluster.Grains.CreateObjectReference<IRoomObserver>(renewing);
        var sender = cluster.Grains.CreateObjectReference<IRoomObserver>(new FrontEnd());
        await room.Subscribe(renewingRef);
        await room.Subscribe(cluster.Grains.CreateObjectReference<IRoomObserver>(silent));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1.5));
        await room.Subscribe(renewingRef);
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await room.Broadcast(sender, "still here?");

        Assert.EndsWith(":still here?", renewing.Next());
        Assert.Empty(silent.Received);
    }
}
