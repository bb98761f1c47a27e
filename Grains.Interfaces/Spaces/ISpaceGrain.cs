namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>
/// One space's document (metadata now, cards later), and the rules of who may view and edit it.
/// Called by UserGrains; it calls other grains only through their interleaving reads.
/// </summary>
[Alias("Kinopio.ISpaceGrain")]
public interface ISpaceGrain : IGrainWithStringKey
{
    /// <summary>Creates the space; an id held by another user is taken (409). The same owner's leftover of a failed create is replaced.</summary>
    [Alias("Create")]
    Task<Outcome<SpaceRecord>> Create(SpaceRecord space);

    [Alias("View")]
    Task<Outcome<SpaceSummary>> View(string? viewerId);

    /// <summary>
    /// For joining the space's realtime room: the space if the viewer may see it, no space (null)
    /// if the server does not know it, and 401 if it exists but is not the viewer's to see
    /// (private, or removed and not the viewer's).
    /// </summary>
    [Alias("ViewRoom")]
    Task<Outcome<SpaceSummary?>> ViewRoom(string? viewerId);

    [Alias("Update")]
    Task<Outcome<SpaceRecord>> Update(string editorId, SpacePatch patch);

    [Alias("SetRemoved")]
    Task<Outcome<SpaceRecord>> SetRemoved(string editorId, bool removed);

    [Alias("Delete")]
    Task<Outcome<SpaceRecord>> Delete(string editorId);
}
