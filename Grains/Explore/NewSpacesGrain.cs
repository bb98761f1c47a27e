using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Explore;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Kinopio.Grains.Explore;

/// <summary>
/// One per silo. It keeps the explore list and its owners' public users for
/// <see cref="ExploreOptions.CacheFor"/>, so the <see cref="IExploreGrain"/> sees one read per silo
/// per period, whatever the traffic. Every read asks the listed spaces' grains (an interleaving
/// read from their memory) for their record as it is now, newest first, until 30 are still listed:
/// a space made private, no longer explorable, removed or deleted is left out at once, and names
/// and privacy are current. Reentrant: reads share one refresh and never wait for each other.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class NewSpacesGrain(IOptions<ExploreOptions> options, [FromKeyedServices(KinopioClock.Key)] TimeProvider clock)
    : Grain, INewSpacesGrain
{
    private Task<(IReadOnlyList<ExploreEntry> Entries, IReadOnlyDictionary<string, PublicUser> Owners)>? _cached;
    private DateTimeOffset _cachedAt;

    public async Task<IReadOnlyList<SpaceSummary>> List()
    {
        var (entries, owners) = await Cached();
        var shown = new List<SpaceSummary>(INewSpacesGrain.Shown);
        // Usually one round of 30 calls; a second only when some of the first have left since the list was read.
        foreach (var round in entries.Chunk(INewSpacesGrain.Shown))
        {
            var now = await Task.WhenAll(round.Select(entry => GrainFactory.GetGrain<ISpaceGrain>(entry.SpaceId).GetExplorable()));
            shown.AddRange(now.OfType<SpaceRecord>()
                .Where(space => owners.ContainsKey(space.UserId))
                .Select(space => SpaceSummary.Of(space, owners[space.UserId])));
            if (shown.Count >= INewSpacesGrain.Shown)
                break;
        }

        return shown.Take(INewSpacesGrain.Shown).ToList();
    }

    /// <summary>The list as last read, read again when it is older than the cache period (or the last read failed).</summary>
    private Task<(IReadOnlyList<ExploreEntry> Entries, IReadOnlyDictionary<string, PublicUser> Owners)> Cached()
    {
        var now = clock.GetUtcNow();
        if (_cached is null || _cached.IsFaulted || now - _cachedAt >= options.Value.CacheFor)
        {
            _cachedAt = now;
            _cached = Read();
        }

        return _cached;
    }

    private async Task<(IReadOnlyList<ExploreEntry>, IReadOnlyDictionary<string, PublicUser>)> Read()
    {
        var entries = await GrainFactory.GetGrain<IExploreGrain>(0).List();
        var ownerIds = entries.Select(entry => entry.UserId).Distinct().ToList();
        var owners = await Task.WhenAll(ownerIds.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPublicUser()));
        return (entries, ownerIds.Zip(owners)
            .Where(owner => owner.Second is not null)
            .ToDictionary(owner => owner.First, owner => owner.Second!));
    }
}
