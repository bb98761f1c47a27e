using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Interfaces.Presence;

/// <summary>
/// One shard of the directory of users who may be present somewhere. A UserGrain adds itself when
/// it becomes present; entries of users no longer present are dropped when a listing finds them.
/// Sharded by user id, so no single grain sees every join.
/// </summary>
[Alias("Kinopio.IPresenceShardGrain")]
public interface IPresenceShardGrain : IGrainWithIntegerKey
{
    public const int Count = 16;

    [Alias("Add")]
    Task Add(string userId);

    [Alias("Remove")]
    Task Remove(string userId);

    /// <summary>Drops the user unless it is present in an open space now (asked again here, so a user who just came back stays).</summary>
    [Alias("Forget")]
    Task Forget(string userId);

    [Alias("GetUserIds")]
    Task<IReadOnlyList<string>> GetUserIds();
}

/// <summary>Answers <c>GET /user/current-public-spaces</c> by asking every shard and every listed user; a stateless worker, so any silo serves it.</summary>
[Alias("Kinopio.ICurrentPublicSpacesGrain")]
public interface ICurrentPublicSpacesGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<IReadOnlyList<PresentUser>> List();
}

/// <summary>One Api front end, as a realtime room sees it: it gets the messages other front ends broadcast.</summary>
[Alias("Kinopio.IRoomObserver")]
public interface IRoomObserver : IGrainObserver
{
    [Alias("Deliver")]
    Task Deliver(string spaceId, string message);

    /// <summary>The space's rights narrowed (<paramref name="space"/> as it is now; null: deleted): close every socket here that may no longer view it.</summary>
    [Alias("Recheck")]
    Task Recheck(string spaceId, SpaceRecord? space);
}

/// <summary>
/// The realtime room of one space across the cluster: the front ends with sockets in it. Each
/// message passes only through its own room's grain; there is no grain all messages pass through.
/// </summary>
[Alias("Kinopio.ISpaceRoomGrain")]
public interface ISpaceRoomGrain : IGrainWithStringKey
{
    /// <summary>Adds the front end, or renews its subscription; one not renewed for two minutes is dropped.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IRoomObserver frontEnd);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IRoomObserver frontEnd);

    /// <summary>
    /// Sends the message to every other front end in the room and answers once they have it, so a
    /// room's messages reach every front end in the order they were sent.
    /// </summary>
    [Alias("Broadcast")]
    Task Broadcast(IRoomObserver from, string message);

    /// <summary>Tells every front end in the room that the space's rights narrowed, and answers once they have closed who may no longer view it.</summary>
    [Alias("Recheck")]
    Task Recheck(SpaceRecord? space);
}
