using System.Collections.Immutable;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Explore;

namespace Kinopio.Grains.Explore;

/// <summary>
/// The explore list, written before it answers. It keeps twice what is shown: a space that leaves
/// takes its entry with it and nothing can be looked up to replace it (there is no scan of all
/// spaces), so the spare half keeps the shown list full until 30 of the 60 have left without new
/// ones coming in. Spaces pushed past the end are forgotten until they are next made explorable or renamed.
/// </summary>
public sealed class ExploreGrain([PersistentState("explore", KinopioStorage.Name)] IPersistentState<ExploreState> state)
    : Grain, IExploreGrain
{
    public const int Capacity = 2 * INewSpacesGrain.Shown;

    public async Task Put(ExploreEntry entry)
    {
        var others = state.State.Entries.RemoveAll(listed => listed.SpaceId == entry.SpaceId);
        // Before every entry that is not newer: of equal times, the latest told goes first.
        var at = others.TakeWhile(listed => listed.ListedAt > entry.ListedAt).Count();
        await state.Save(state.State with { Entries = others.Insert(at, entry).Take(Capacity).ToImmutableList() });
    }

    public async Task Drop(string spaceId)
    {
        var entries = state.State.Entries.RemoveAll(listed => listed.SpaceId == spaceId);
        if (entries.Count != state.State.Entries.Count)
            await state.Save(state.State with { Entries = entries });
    }

    public Task<IReadOnlyList<ExploreEntry>> List() => Task.FromResult<IReadOnlyList<ExploreEntry>>(state.State.Entries);
}
