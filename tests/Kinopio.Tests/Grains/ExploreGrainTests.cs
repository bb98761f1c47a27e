using Kinopio.Grains.Explore;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Explore;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>
/// The stored explore list. The cluster is shared, so every entry made here is dated after every
/// entry made before it, and each test looks at the front of the list only.
/// </summary>
[Collection(GrainCluster.Name)]
public sealed class ExploreGrainTests(GrainCluster cluster)
{
    private static int _made;
    private readonly IExploreGrain _explore = cluster.Grains.GetGrain<IExploreGrain>(0);

    [Fact]
    public async Task It_keeps_the_60_newest_entries_newest_first_and_moves_a_space_that_is_put_again()
    {
        var entries = Enumerable.Range(0, ExploreGrain.Capacity + 5).Select(_ => Entry()).ToList();
        foreach (var entry in entries)
            await _explore.Put(entry);

        var listed = await _explore.List();
        Assert.Equal(Enumerable.Reverse(entries).Take(ExploreGrain.Capacity), listed);

        var moved = entries[^10] with { ListedAt = entries[^1].ListedAt.AddSeconds(1) };
        await _explore.Put(moved);
        listed = await _explore.List();
        Assert.Equal(moved, listed[0]);
        Assert.Equal(ExploreGrain.Capacity, listed.Count);
        Assert.Single(listed, entry => entry.SpaceId == moved.SpaceId);
    }

    [Fact]
    public async Task Of_equal_times_the_latest_put_goes_first_and_a_dropped_space_is_gone()
    {
        var first = Entry();
        var second = first with { SpaceId = Ids.New() };
        await _explore.Put(first);
        await _explore.Put(second);
        Assert.Equal([second, first], (await _explore.List()).Take(2));

        await _explore.Drop(second.SpaceId);
        Assert.Equal(first, (await _explore.List())[0]);
    }

    [Fact]
    public async Task The_list_survives_deactivation()
    {
        var entry = Entry();
        await _explore.Put(entry);

        await _explore.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(entry, (await _explore.List())[0]);
    }

    /// <summary>A space listed later than every entry made before, and than any space the other tests make.</summary>
    private ExploreEntry Entry() => new(Ids.New(), Ids.New(), cluster.Clock.GetUtcNow().AddYears(100).AddMinutes(Interlocked.Increment(ref _made)));
}
