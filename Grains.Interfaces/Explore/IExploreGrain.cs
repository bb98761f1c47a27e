namespace Kinopio.Grains.Interfaces.Explore;

/// <summary>
/// The explore list (key 0): the spaces most recently made explorable or renamed, newest first, a
/// few more than <see cref="INewSpacesGrain.Shown"/>. SpaceGrains tell it their changes; the
/// <see cref="INewSpacesGrain"/> of each silo reads it at most once per cache period. No request
/// of a client reaches it.
/// </summary>
[Alias("Kinopio.IExploreGrain")]
public interface IExploreGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the space, or moves it, at the place its <see cref="ExploreEntry.ListedAt"/> gives it (the front, for a change just made).</summary>
    [Alias("Put")]
    Task Put(ExploreEntry entry);

    [Alias("Drop")]
    Task Drop(string spaceId);

    [Alias("List")]
    Task<IReadOnlyList<ExploreEntry>> List();
}
