using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// Who may do what with a space (contract §5.2, §9.2): the one place every route, operation and
/// room asks. Members are the owner (and, with collaborators, them: <see cref="IsMember"/> is the
/// one place that changes). The order of refusals is §1's: not found → 404, not viewable → 401,
/// not editable → 403.
/// </summary>
public static class SpaceRights
{
    public static readonly Problem NotFound = Problem.NotFound("space not found");
    public static readonly Problem NotViewable = Problem.Unauthorized("this space is private");

    public static bool IsOwner(SpaceRecord space, SpaceAccess access) => access.UserId == space.UserId;

    public static bool IsMember(SpaceRecord space, SpaceAccess access) => IsOwner(space, access);

    /// <summary>Null when the space may be viewed; else 404 (none, or removed and not the owner's) or 401 (private).</summary>
    public static Problem? View(SpaceRecord? space, SpaceAccess access) => space switch
    {
        null => NotFound,
        _ when IsOwner(space, access) => null,
        { IsRemoved: true } => NotFound,
        { Privacy: SpacePrivacy.Private } when !IsMember(space, access) => NotViewable,
        _ => null,
    };

    /// <summary>Listed in explore: its editors chose to show it, and anyone may view it (open or closed, not removed).</summary>
    public static bool IsExplorable(SpaceRecord? space) => space is { ShowInExplore: true } && View(space, SpaceAccess.Anonymous) is null;

    /// <summary>The space's own attributes (name, privacy, showInExplore): members.</summary>
    public static Problem? EditSpace(SpaceRecord? space, SpaceAccess access) =>
        View(space, access) ?? (IsMember(space!, access) ? null : Problem.Forbidden("only the space's members can change it"));

    /// <summary>Remove, restore, delete: the owner alone.</summary>
    public static Problem? Own(SpaceRecord? space, SpaceAccess access) =>
        View(space, access) ?? (IsOwner(space!, access) ? null : Problem.Forbidden("only the space's owner can do this"));

    /// <summary>
    /// Content: members may change any item; in an open space any signed-in user may create items
    /// and change or remove the ones they created (<paramref name="creatorId"/>, null for a new item).
    /// </summary>
    public static Problem? EditItem(SpaceRecord? space, SpaceAccess access, string? creatorId)
    {
        if (View(space, access) is { } refused)
            return refused;
        if (IsMember(space!, access))
            return null;
        if (access.UserId is not null && space!.Privacy == SpacePrivacy.Open && (creatorId is null || creatorId == access.UserId))
            return null;
        return Problem.Forbidden("only the space's members can change its content");
    }
}
