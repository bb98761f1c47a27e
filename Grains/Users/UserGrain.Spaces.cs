using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Operations;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Spaces;

namespace Kinopio.Grains.Users;

/// <summary>
/// The user's spaces. The SpaceGrain holds each document and decides who may edit it; this grain
/// keeps a summary of each space it owns. Every change goes to the SpaceGrain first, then to the
/// summary, both before the answer: a crash in between leaves a summary that the next request on
/// that space repairs (a summary whose space is gone is dropped when the SpaceGrain says 404).
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<IReadOnlyList<SpaceSummary>>> CreateSpaces(ApiCredential credential, IReadOnlyList<NewSpace> spaces)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        if (spaces.FirstOrDefault(space => _spaces.ContainsKey(space.Id)) is { } owned)
            return Problem.Taken($"space id {owned.Id} is already taken");
        if (_spaces.Count + spaces.Count > limits.Value.SpacesPerUser)
            return Problem.LimitReached($"a user owns at most {limits.Value.SpacesPerUser} spaces, removed ones included");

        var now = clock.NowInMilliseconds();
        var records = spaces.Select(space => new SpaceRecord
        {
            Id = space.Id,
            Name = space.Name,
            Privacy = space.Privacy,
            ShowInExplore = space.ShowInExplore,
            UserId = UserId,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();

        // All or nothing: whatever stops the batch (a taken id, a failed write), the spaces it made are deleted again.
        var creating = records.Select(record => SpaceGrain(record.Id).Create(record, [])).ToList();
        IEnumerable<SpaceRecord> Created() => records.Where((_, i) => creating[i].IsCompletedSuccessfully && creating[i].Result.Problem is null);
        try
        {
            await Task.WhenAll(creating);
            if (creating.Select(outcome => outcome.Result.Problem).FirstOrDefault(refused => refused is not null) is { } refused)
            {
                await DeleteSpaces(Created());
                return refused;
            }

            await StoreSpaces(records);
        }
        catch
        {
            await DeleteSpaces(Created());
            throw;
        }

        return records.Select(Summarize).ToList();
    }

    public async Task<Outcome<FullSpace>> ViewSpace(ApiCredential credential, string spaceId)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var view = await SpaceGrain(spaceId).ViewFull(AccessOf(credential));
        if (view.Problem?.Kind == ProblemKind.NotFound)
            await ForgetSpace(spaceId);
        if (view.Value is { } space)
            await VisitByRequest(space);
        return view;
    }

    public async Task<Outcome<SpaceSummary>> UpdateSpace(ApiCredential credential, SpacePatch patch)
    {
        var updated = await EditSpace(credential, new UpdateSpaceOperation(patch) { Index = 0, Name = "updateSpace" });
        if (updated.Value is { } space)
            await VisitByRequest(space);
        return updated;
    }

    public Task<Outcome<SpaceSummary>> RemoveSpace(ApiCredential credential, string spaceId) =>
        EditSpace(credential, new SetSpaceRemovedOperation(spaceId, Removed: true) { Index = 0, Name = "removeSpace" });

    public Task<Outcome<SpaceSummary>> RestoreSpace(ApiCredential credential, string spaceId) =>
        EditSpace(credential, new SetSpaceRemovedOperation(spaceId, Removed: false) { Index = 0, Name = "restoreRemovedSpace" });

    public async Task<Outcome<Done>> DeleteSpace(ApiCredential credential, string spaceId)
    {
        if (Authenticate(credential) is { } problem)
            return problem;

        var deleted = await SpaceGrain(spaceId).Delete(AccessOf(credential));
        if (deleted.Problem is { Kind: not ProblemKind.NotFound } refused)
            return refused;
        await ForgetSpace(spaceId);
        return deleted.Problem is { } notFound ? notFound : new Done("Space deleted");
    }

    /// <summary>Own spaces that are not removed and the spaces this user collaborates on (with their owners' <c>userId</c>), newest first.</summary>
    public async Task<Outcome<IReadOnlyList<SpaceSummary>>> GetSpaces(ApiCredential credential)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var collaborated = _collaborations.Count == 0 ? [] : await CollaboratedSpaces();
        return Outcome(OwnSpaces(space => !space.IsRemoved).Concat(collaborated).OrderByDescending(space => space.UpdatedAt).ToList());
    }

    public Task<Outcome<IReadOnlyList<SpaceSummary>>> GetRemovedSpaces(ApiCredential credential) =>
        Task.FromResult(Authenticate(credential) is { } problem
            ? problem
            : Outcome(OwnSpaces(space => space.IsRemoved && space.RemovedByUserId == UserId)));

    public Task<PublicProfile?> GetPublicProfile() => Task.FromResult(User is { } user
        ? new PublicProfile(user.ToPublic()) { Spaces = OwnSpaces(space => SpaceRights.View(space, Visitor.Anonymous) is null) }
        : null);

    /// <summary>One change of a space, as the operation of the same name makes it, answered as the REST route shows it.</summary>
    private async Task<Outcome<SpaceSummary>> EditSpace(ApiCredential credential, Operation operation)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var (outcome, summary) = await ChangeSpace(operation, operation.SpaceId!, AccessOf(credential));
        await StoreSummaries([summary]);
        if (outcome.Problem is { } refused)
            return refused;
        // An own space is shown from its record; someone else's (a collaborator's edit) as its grain shows it, with its owner.
        return outcome.Value!.Space.UserId == UserId && outcome.Value.Space.CollaboratorIds.IsEmpty
            ? Summarize(outcome.Value.Space)
            : await SpaceGrain(operation.SpaceId!).View(AccessOf(credential));
    }

    private Task DeleteSpaces(IEnumerable<SpaceRecord> spaces) =>
        Task.WhenAll(spaces.Select(space => SpaceGrain(space.Id).Delete(Access)));

    /// <summary>A listing: one owner object shared by every summary, so it is built and serialized once, however many spaces.</summary>
    private IReadOnlyList<SpaceSummary> OwnSpaces(Func<SpaceRecord, bool> which)
    {
        var owner = User!.ToPublic();
        return _spaces.Values
            .Where(which)
            .OrderByDescending(space => space.UpdatedAt)
            .Select(space => SpaceSummary.Of(space, owner))
            .ToList();
    }

    private SpaceSummary Summarize(SpaceRecord space) => SpaceSummary.Of(space, User!.ToPublic());

    private static Outcome<IReadOnlyList<SpaceSummary>> Outcome(IReadOnlyList<SpaceSummary> spaces) => new(spaces, null);
}
