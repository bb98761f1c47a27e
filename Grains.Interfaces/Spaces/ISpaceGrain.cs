using Kinopio.Grains.Interfaces.Content;
using Orleans.Concurrency;

namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>
/// One space: its own attributes, its content (cards, connections, connection types) and the
/// rules of who may view and edit it (<c>SpaceRights</c>), which every method applies to the
/// <see cref="SpaceAccess"/> it is given. Called by UserGrains and the Api; it calls other grains
/// only through their interleaving reads.
/// </summary>
[Alias("Kinopio.ISpaceGrain")]
public interface ISpaceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the space with its content in one write; an id held by another user is taken (409).
    /// For its owner (a retried create, a re-upload, the leftover of a failed create) the attributes
    /// and the items sent are written and the items left out are kept. Items that cannot be taken are left out.
    /// </summary>
    [Alias("Create")]
    Task<Outcome<SpaceWritten>> Create(SpaceRecord space, IReadOnlyList<ItemEdit> content);

    [Alias("View")]
    Task<Outcome<SpaceSummary>> View(SpaceAccess access);

    /// <summary>The space with every item (contract §7.2).</summary>
    [Alias("ViewFull")]
    Task<Outcome<FullSpace>> ViewFull(SpaceAccess access);

    /// <summary>
    /// For joining the space's realtime room: the space if the viewer may see it, no space (null)
    /// if the server does not know it, and 401 if it exists but is not the viewer's to see
    /// (private, or removed and not the viewer's).
    /// </summary>
    [Alias("ViewRoom")]
    Task<Outcome<RoomView?>> ViewRoom(SpaceAccess access);

    /// <summary>
    /// The space if it is listed in explore now (shown by its editors' choice, open or closed, not
    /// removed), else null. From memory and interleaving: readers of the list never wait for a write.
    /// </summary>
    [Alias("GetExplorable"), AlwaysInterleave]
    Task<SpaceRecord?> GetExplorable();

    /// <summary>Whether the space exists and its url is <paramref name="url"/> (<c>GET /space/by-url</c>; it says nothing more).</summary>
    [Alias("HasUrl"), AlwaysInterleave]
    Task<bool> HasUrl(string url);

    [Alias("Update")]
    Task<Outcome<SpaceRecord>> Update(SpaceAccess access, SpacePatch patch);

    [Alias("SetRemoved")]
    Task<Outcome<SpaceRecord>> SetRemoved(SpaceAccess access, bool removed);

    /// <summary>Deletes the space and all its content.</summary>
    [Alias("Delete")]
    Task<Outcome<SpaceRecord>> Delete(SpaceAccess access);

    /// <summary>The collaborator key, for members (contract §9.1).</summary>
    [Alias("GetCollaboratorKey")]
    Task<Outcome<string>> GetCollaboratorKey(SpaceAccess access);

    /// <summary>The caller joins with the key it carries; a wrong key or an unknown space is 401, the owner or a member changes nothing.</summary>
    [Alias("AddCollaborator")]
    Task<Outcome<SpaceRecord>> AddCollaborator(SpaceAccess access);

    /// <summary>The owner removes anyone (the key rotates); a collaborator removes themselves. Answers the space as it is now.</summary>
    [Alias("RemoveCollaborator")]
    Task<Outcome<SpaceSummary>> RemoveCollaborator(SpaceAccess access, string userId);

    [Alias("GetItem")]
    Task<Outcome<ContentItem>> GetItem(SpaceAccess access, ItemKind kind, string id);

    [Alias("GetRemovedCards")]
    Task<Outcome<IReadOnlyList<Card>>> GetRemovedCards(SpaceAccess access);

    /// <summary>
    /// Applies edits to the content, in order, in one durable write. <paramref name="allOrNothing"/>:
    /// the first refusal refuses all (REST batches); otherwise each edit is applied or refused on
    /// its own (operations). A failed write fails them all.
    /// </summary>
    [Alias("Edit")]
    Task<Outcome<EditResults>> Edit(SpaceAccess access, IReadOnlyList<ItemEdit> edits, bool allOrNothing);
}
