using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// Who may do what with a space (contract §5.2, §9.2): the one place every route, operation and
/// room asks. Members are the owner and the collaborators; a request carrying the space's key may
/// view it and, signed in, edit it. The order of refusals is §1's: not found → 404, not viewable
/// → 401, not editable → 403.
/// </summary>
public static class SpaceRights
{
    public static readonly Problem NotFound = Problem.NotFound("space not found");
    public static readonly Problem NotViewable = Problem.Unauthorized("this space is private");

    public static bool IsOwner(SpaceRecord space, Visitor visitor) => visitor.UserId == space.UserId;

    public static bool IsMember(SpaceRecord space, Visitor visitor) =>
        IsOwner(space, visitor) || visitor.UserId is { } userId && space.CollaboratorIds.Contains(userId);

    public static bool IsCollaborator(SpaceRecord space, Visitor visitor) => !IsOwner(space, visitor) && IsMember(space, visitor);

    /// <summary>Null when the space may be viewed; else 404 (none, or removed and not the owner's) or 401 (private).</summary>
    public static Problem? View(SpaceRecord? space, Visitor visitor) => space switch
    {
        null => NotFound,
        _ when IsOwner(space, visitor) => null,
        { IsRemoved: true } => NotFound,
        { Privacy: SpacePrivacy.Private } when !IsMember(space, visitor) && !visitor.HoldsKey => NotViewable,
        _ => null,
    };

    /// <summary>Listed in explore: its editors chose to show it, and anyone may view it (open or closed, not removed).</summary>
    public static bool IsExplorable(SpaceRecord? space) => space is { ShowInExplore: true } && View(space, Visitor.Anonymous) is null;

    /// <summary>The space's own attributes (name, privacy, showInExplore) and all its content: members, and a signed-in caller with the key.</summary>
    public static Problem? EditSpace(SpaceRecord? space, Visitor visitor) =>
        View(space, visitor) ?? (IsEditor(space!, visitor) ? null : Problem.Forbidden("only the space's members can change it"));

    /// <summary>Remove, restore, delete, remove other collaborators: the owner alone.</summary>
    public static Problem? Own(SpaceRecord? space, Visitor visitor) =>
        View(space, visitor) ?? (IsOwner(space!, visitor) ? null : Problem.Forbidden("only the space's owner can do this"));

    /// <summary>The collaborator key: members.</summary>
    public static Problem? ReadKey(SpaceRecord? space, Visitor visitor) =>
        View(space, visitor) ?? (IsMember(space!, visitor) ? null : Problem.Forbidden("only the space's members can read its key"));

    /// <summary>
    /// An item: editors may change any; in an open space any signed-in user may create items and
    /// change or remove the ones they created (<paramref name="creatorId"/>, null for a new item).
    /// </summary>
    public static Problem? EditItem(SpaceRecord? space, Visitor visitor, string? creatorId)
    {
        if (View(space, visitor) is { } refused)
            return refused;
        if (IsEditor(space!, visitor))
            return null;
        if (visitor.UserId is not null && space!.Privacy == SpacePrivacy.Open && (creatorId is null || creatorId == visitor.UserId))
            return null;
        return Problem.Forbidden("only the space's members can change its content");
    }

    private static bool IsEditor(SpaceRecord space, Visitor visitor) => IsMember(space, visitor) || visitor is { UserId: not null, HoldsKey: true };
}
