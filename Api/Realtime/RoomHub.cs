using System.Collections.Concurrent;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Spaces;
using Kinopio.Grains.Telemetry;

namespace Kinopio.Api.Realtime;

/// <summary>
/// The rooms of this front end: its sockets by space, and its subscription to each space's
/// <see cref="ISpaceRoomGrain"/>. A message goes straight to the other sockets here and, through
/// the room grain, to the other front ends, which deliver it to theirs (<see cref="Deliver"/>).
/// </summary>
public sealed class RoomHub(IGrainFactory grains, KinopioMetrics metrics) : IRoomObserver
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<RoomConnection, bool>> _rooms = new();
    private IRoomObserver? _self;

    private IRoomObserver Self => _self ??= grains.CreateObjectReference<IRoomObserver>(this);

    /// <summary>
    /// Adds the socket to the room; the first socket of this front end in a room subscribes it.
    /// The grain is called outside the lock, so one slow room grain slows no other room; a
    /// subscription lost to a join racing a leave is restored by the next <see cref="Renew"/>.
    /// </summary>
    public Task Join(RoomConnection connection, string spaceId)
    {
        bool first;
        lock (_rooms)
        {
            var room = _rooms.GetOrAdd(spaceId, _ => new());
            room[connection] = true;
            first = room.Count == 1;
        }

        return first ? Room(spaceId).Subscribe(Self) : Task.CompletedTask;
    }

    public Task Leave(RoomConnection connection, string spaceId)
    {
        lock (_rooms)
        {
            if (!_rooms.TryGetValue(spaceId, out var room) || !room.TryRemove(connection, out _) || !room.IsEmpty)
                return Task.CompletedTask;
            _rooms.TryRemove(spaceId, out _);
        }

        return Room(spaceId).Unsubscribe(Self);
    }

    /// <summary>Whether this front end has a socket in the space's room (so its space grain was asked already).</summary>
    public bool HasRoom(string spaceId) => _rooms.TryGetValue(spaceId, out var room) && !room.IsEmpty;

    /// <summary>Sends a message to everyone else in the room, on every front end; never back to its sender.</summary>
    public Task Relay(RoomConnection from, string spaceId, string message)
    {
        metrics.RoomMessageRelayed();
        DeliverHere(spaceId, message, from);
        return Room(spaceId).Broadcast(Self, message);
    }

    public Task Deliver(string spaceId, string message)
    {
        DeliverHere(spaceId, message, except: null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The space's rights narrowed: every socket here that may no longer view it (asked of
    /// <see cref="SpaceRights"/>, the rule every route uses) leaves the room at once and is closed.
    /// </summary>
    public Task Recheck(string spaceId, SpaceRecord? space)
    {
        lock (_rooms)
        {
            if (!_rooms.TryGetValue(spaceId, out var room))
                return Task.CompletedTask;
            foreach (var connection in room.Keys)
            {
                if (SpaceRights.View(space, new Visitor(connection.Caller?.UserId, HoldsKey: false)) is null)
                    continue;
                room.TryRemove(connection, out _);
                connection.Evict();
            }
            if (room.IsEmpty)
                _rooms.TryRemove(spaceId, out _);
        }
        return Task.CompletedTask;
    }

    /// <summary>Renews this front end's room subscriptions and the presence of its signed-in sockets.</summary>
    public async Task Renew()
    {
        var rooms = _rooms.Where(room => !room.Value.IsEmpty).ToList();
        await Task.WhenAll(rooms.Select(room => Room(room.Key).Subscribe(Self)));
        await Task.WhenAll(rooms
            .SelectMany(room => room.Value.Keys)
            .Where(connection => connection.Caller is not null)
            .GroupBy(connection => connection.Caller!.UserId)
            .Select(user => user.First().Caller!.Grain.KeepInRooms(
                user.First().Caller!.Credential,
                user.Where(c => c.SpaceId is not null).ToDictionary(c => c.Id, c => c.SpaceId!))));
    }

    private void DeliverHere(string spaceId, string message, RoomConnection? except)
    {
        if (!_rooms.TryGetValue(spaceId, out var room))
            return;
        foreach (var connection in room.Keys)
            if (connection != except)
                connection.Send(message);
    }

    private ISpaceRoomGrain Room(string spaceId) => grains.GetGrain<ISpaceRoomGrain>(spaceId);
}
