using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// Collaborations (contract §9): joining a space with its key, leaving it, the key for members.
/// The space's grain decides (its key, its members); this grain remembers which spaces of others
/// it joined, to list them, and shows them as their grains show them now.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<FullSpace>> JoinSpace(ApiCredential credential, string spaceId)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var joined = await SpaceGrain(spaceId).AddCollaborator(AccessOf(credential));
        if (joined.Problem is { } refused)
            return refused;
        if (joined.Value!.UserId != UserId)
            await StoreCollaborations([spaceId]);
        return await SpaceGrain(spaceId).ViewFull(Access);
    }

    public async Task<Outcome<SpaceSummary>> RemoveCollaborator(ApiCredential credential, string spaceId, string userId)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var removed = await SpaceGrain(spaceId).RemoveCollaborator(AccessOf(credential), userId);
        if (removed.Problem is null && userId == UserId)
            await ForgetCollaborations([spaceId]);
        return removed;
    }

    public async Task<Outcome<string>> GetCollaboratorKey(ApiCredential credential, string spaceId) =>
        Authenticate(credential) is { } problem ? problem : await SpaceGrain(spaceId).GetCollaboratorKey(AccessOf(credential));

    /// <summary>Takes a record newer than the summary of a space still listed; a late or stale one (the space changed or left since) is ignored.</summary>
    public async Task KeepSummary(SpaceRecord space)
    {
        if (space.UserId == UserId && _spaces.TryGetValue(space.Id, out var listed) && space.UpdatedAt > listed.UpdatedAt)
            await StoreSpaces([space]);
    }

    /// <summary>The spaces this user collaborates on, as their grains show them now: one it no longer belongs to (removed from it, or deleted) is left out and forgotten.</summary>
    private async Task<IReadOnlyList<SpaceSummary>> CollaboratedSpaces()
    {
        var spaceIds = _collaborations.ToList();
        var views = await Task.WhenAll(spaceIds.Select(id => SpaceGrain(id).View(Access)));
        var gone = spaceIds.Where((_, i) => !IsCollaboratorIn(views[i])).ToList();
        if (gone.Count > 0)
            await ForgetCollaborations(gone);
        return views.Where(IsCollaboratorIn).Select(view => view.Value!).ToList();
    }

    private bool IsCollaboratorIn(Outcome<SpaceSummary> view) =>
        view.Value is { IsRemoved: false } space && space.Collaborators.Any(user => user.Id == UserId);

    /// <summary>A deleted user leaves every space it joined.</summary>
    private Task LeaveEverySpace() => Task.WhenAll(_collaborations.Select(spaceId => SpaceGrain(spaceId).RemoveCollaborator(Access, UserId)));
}
