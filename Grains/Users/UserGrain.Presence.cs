using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Presence;

namespace Kinopio.Grains.Users;

/// <summary>
/// Presence (contract §6): which spaces this user is in now, from its sockets and its REST reads
/// and edits. Kept in memory only; the user lists itself in a presence shard while present.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<RoomEntry>> EnterRoom(ApiCredential credential, string socketId, string spaceId)
    {
        if (CheckKey(credential) is { } problem)
            return problem;

        var view = await SpaceGrain(spaceId).ViewRoom(Access);
        if (view.Problem is { } refused)
            return refused;
        if (view.Value is { } room)
            await Visit(UserPresence.SocketVisit(socketId), room.Space, UserPresence.SocketLease);
        return new RoomEntry(view.Value?.Space, User!.ToPublic(), view.Value?.IsCollaborator ?? false);
    }

    public async Task LeaveRoom(ApiCredential credential, string socketId)
    {
        if (CheckKey(credential) is not null)
            return;
        Presence.Leave(UserPresence.SocketVisit(socketId));
        if (!Presence.IsPresent)
            await PresenceShard.Remove(UserId);
    }

    public async Task KeepInRooms(ApiCredential credential, IReadOnlyDictionary<string, string> spaceIdsBySocket)
    {
        if (CheckKey(credential) is not null)
            return;
        foreach (var (socketId, spaceId) in spaceIdsBySocket)
        {
            var visit = UserPresence.SocketVisit(socketId);
            if (Presence.Renew(visit, UserPresence.SocketLease) || Presence.HasLeft(visit))
                continue;
            if ((await SpaceGrain(spaceId).View(Access)).Value is { } space)
                Presence.Enter(visit, space, UserPresence.SocketLease);
        }

        if (Presence.IsPresent)
            await PresenceShard.Add(UserId);
    }

    public Task<PresentUser?> GetPresence() => Task.FromResult(
        User is { } user && _presence?.CurrentPublicSpace() is { } space ? new PresentUser(user.ToPublic(), space) : null);

    /// <summary>An authenticated read or edit of a space makes the user present there for a minute.</summary>
    private Task VisitByRequest(SpaceSummary space) => Visit(UserPresence.RequestVisit(space.Id), space.AsSummary(), UserPresence.RequestLease);

    /// <summary>Records the visit and (again) lists the user in its shard, which may have dropped it while it was not in an open space.</summary>
    private async Task Visit(string visit, SpaceSummary space, TimeSpan lease)
    {
        Presence.Enter(visit, space, lease);
        await PresenceShard.Add(UserId);
    }

    private IPresenceShardGrain PresenceShard => GrainFactory.GetGrain<IPresenceShardGrain>(PresenceShardGrain.ShardOf(UserId));
}
