using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Orleans.Concurrency;

namespace Kinopio.Grains.Presence;

/// <summary>
/// Lists the users present in open spaces: every shard's ids, each user's presence, and each of
/// their spaces checked once more with its SpaceGrain (privacy may have changed since the visit).
/// </summary>
[StatelessWorker]
public sealed class CurrentPublicSpacesGrain : Grain, ICurrentPublicSpacesGrain
{
    public async Task<IReadOnlyList<PresentUser>> List()
    {
        var shards = Enumerable.Range(0, IPresenceShardGrain.Count).Select(shard => GrainFactory.GetGrain<IPresenceShardGrain>(shard)).ToList();
        var userIds = (await Task.WhenAll(shards.Select(shard => shard.GetUserIds()))).SelectMany(ids => ids).ToList();
        var present = await Task.WhenAll(userIds.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPresence()));

        var spaceIds = present.OfType<PresentUser>().Select(user => user.CurrentPublicSpace.Id).Distinct().ToList();
        var views = await Task.WhenAll(spaceIds.Select(id => GrainFactory.GetGrain<ISpaceGrain>(id).View(SpaceAccess.Anonymous)));
        var openNow = spaceIds.Where((_, i) => views[i].Value?.Privacy == SpacePrivacy.Open).ToHashSet();

        await Task.WhenAll(userIds.Where((_, i) => present[i] is null).Select(id =>
            GrainFactory.GetGrain<IPresenceShardGrain>(PresenceShardGrain.ShardOf(id)).Forget(id)));
        return present.OfType<PresentUser>().Where(user => openNow.Contains(user.CurrentPublicSpace.Id)).ToList();
    }
}
