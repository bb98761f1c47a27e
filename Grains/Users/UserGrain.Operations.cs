using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Operations;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Spaces;

namespace Kinopio.Grains.Users;

/// <summary>
/// <c>POST /operations</c> (contract §8.2): one token, then the operations in order, each applied
/// or refused on its own. Consecutive operations on spaces form one group: each space's operations
/// of the group go to its grain in order (its item operations as one call and one write), spaces
/// in parallel, and this user's summaries and card count are written once for the group. An
/// operation on the user itself ends a group, so what a later read sees keeps the batch's order.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>How many spaces of a group are worked on at once.</summary>
    private const int SpacesAtOnce = 32;

    public async Task<Outcome<IReadOnlyList<OperationResult>>> ApplyOperations(ApiCredential credential, IReadOnlyList<Operation> operations)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        return new(await Apply(operations, AccessOf(credential)), null);
    }

    public async Task<Outcome<IReadOnlyList<FullSpace>>> UploadSpaces(ApiCredential credential, IReadOnlyList<SpaceUpload> spaces)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var results = await Apply(spaces.Select((space, index) => new UploadSpaceOperation(space) { Index = index, Name = "createSpace" }).ToList(), Access);
        var written = results.Where(result => result.Problem is null).Select(result => result.Id!).ToList();
        var views = await Task.WhenAll(written.Select(id => SpaceGrain(id).ViewFull(Access)));
        return new(views.Where(view => view.Value is not null).Select(view => view.Value!).ToList(), null);
    }

    /// <summary><paramref name="access"/>: this user with the request's collaborator key, which counts only in that key's space.</summary>
    private async Task<IReadOnlyList<OperationResult>> Apply(IReadOnlyList<Operation> operations, SpaceAccess access)
    {
        var results = new List<OperationResult>(operations.Count);
        foreach (var group in Groups(operations))
            results.AddRange(group[0].SpaceId is null ? await ApplyToUser(group) : await ApplyToSpaces(group, access));
        return results;
    }

    /// <summary>Runs of consecutive operations on the user, and on spaces.</summary>
    private static IEnumerable<List<Operation>> Groups(IReadOnlyList<Operation> operations)
    {
        var group = new List<Operation>();
        foreach (var operation in operations)
        {
            if (group.Count > 0 && (group[0].SpaceId is null) != (operation.SpaceId is null))
            {
                yield return group;
                group = [];
            }
            group.Add(operation);
        }
        if (group.Count > 0)
            yield return group;
    }

    private async Task<IReadOnlyList<OperationResult>> ApplyToUser(IReadOnlyList<Operation> operations)
    {
        var results = new List<OperationResult>(operations.Count);
        foreach (var operation in operations)
        {
            var refused = await Attempt(operation switch
            {
                UpdateUserOperation update => async () => (await UpdateAccount(update.Patch)).Problem,
                ToggleFavoriteOperation toggle => async () => (await Toggle(toggle.Toggle)).Problem,
                _ => () => Task.FromResult<Problem?>(Problem.BadRequest($"{operation.Name} is not an operation on the user")),
            });
            results.Add(OperationResult.Of(operation, refused) with { Id = operation.TargetId ?? UserId });
        }
        return results;
    }

    private async Task<IReadOnlyList<OperationResult>> ApplyToSpaces(IReadOnlyList<Operation> operations, SpaceAccess access)
    {
        var spaces = operations.GroupBy(operation => operation.SpaceId!).ToList();
        var newSpaces = operations.OfType<UploadSpaceOperation>().Select(upload => upload.Space.Id).Distinct().Where(id => !_spaces.ContainsKey(id));
        var room = limits.Value.SpacesPerUser - _spaces.Count;
        var overLimit = newSpaces.Skip(Math.Max(0, room)).ToHashSet();

        // Spaces in parallel, a bounded number at a time: a batch naming thousands of spaces wakes
        // them a few at a time, never all at once.
        var applied = new List<SpaceApplied>(spaces.Count);
        foreach (var chunk in spaces.Chunk(SpacesAtOnce))
            applied.AddRange(await Task.WhenAll(chunk.Select(space => ApplyToSpace(space.Key, space.ToList(), overLimit.Contains(space.Key), access))));
        await StoreSummaries(applied.SelectMany(space => space.Summaries).ToList());
        await StoreCollaborations(applied.SelectMany(space => space.Joined).ToList());
        if (applied.Sum(space => space.CardsCreated) is > 0 and var created)
            await CountCardsCreated(created);
        return applied.SelectMany(space => space.Results).OrderBy(result => result.Index).ToList();
    }

    private sealed record SpaceApplied(List<OperationResult> Results, List<SummaryChange> Summaries, List<string> Joined, int CardsCreated);

    /// <summary>One space's operations of a group, in order: consecutive item operations as one call (one write) to its grain.</summary>
    private async Task<SpaceApplied> ApplyToSpace(string spaceId, List<Operation> operations, bool overLimit, SpaceAccess access)
    {
        var applied = new SpaceApplied([], [], [], 0);
        var created = 0;
        for (var at = 0; at < operations.Count;)
        {
            if (operations[at] is ItemOperation)
            {
                var run = operations.Skip(at).TakeWhile(operation => operation is ItemOperation).Cast<ItemOperation>().ToList();
                created += await ApplyItems(spaceId, run, applied, access);
                at += run.Count;
                continue;
            }

            var operation = operations[at++];
            SpaceWritten? written = null;
            var refused = operation is UploadSpaceOperation && overLimit
                ? Problem.LimitReached($"a user owns at most {limits.Value.SpacesPerUser} spaces, removed ones included")
                : await Attempt(async () =>
                {
                    var (outcome, summary) = await ChangeSpace(operation, spaceId, access);
                    written = outcome.Value;
                    if (summary is not null)
                        applied.Summaries.Add(summary);
                    if (operation is JoinSpaceOperation && outcome.Problem is null)
                        applied.Joined.Add(spaceId);
                    return outcome.Problem;
                });
            created += written?.CardsCreated ?? 0;
            applied.Results.Add(OperationResult.Of(operation, refused));
        }

        return applied with { CardsCreated = created };
    }

    /// <summary>
    /// A run of item operations: one call to the space's grain, each edit applied or refused on its
    /// own. Removing what is already gone is a success (§8.2): the client removes a card's connections after the card took them.
    /// </summary>
    private async Task<int> ApplyItems(string spaceId, List<ItemOperation> run, SpaceApplied applied, SpaceAccess access)
    {
        EditResults? edited = null;
        var refused = await Attempt(async () =>
        {
            var outcome = await SpaceGrain(spaceId).Edit(access, run.Select(operation => operation.Edit).ToList(), allOrNothing: false);
            edited = outcome.Value;
            return outcome.Problem;
        });
        foreach (var (operation, index) in run.Select((operation, index) => (operation, index)))
        {
            var problem = refused ?? edited!.Results[index].Problem;
            if (problem?.Kind == ProblemKind.NotFound && operation.Edit.Action is EditAction.Remove or EditAction.Delete)
                problem = null;
            applied.Results.Add(OperationResult.Of(operation, problem));
        }
        return edited?.CardsCreated ?? 0;
    }

    /// <summary>A space operation through the space's grain (which decides what this user may do), and what it means for this user's summaries.</summary>
    private async Task<(Outcome<SpaceWritten> Outcome, SummaryChange? Summary)> ChangeSpace(Operation operation, string spaceId, SpaceAccess access)
    {
        var before = _spaces.GetValueOrDefault(spaceId);
        var hidden = await HideFirst(operation, before);
        Outcome<SpaceWritten> outcome;
        try
        {
            outcome = await SendChange(operation, spaceId, access);
        }
        catch when (hidden)
        {
            await StoreSummaries([new SummaryChange(spaceId, before)]);
            throw;
        }

        if (operation is DeleteSpaceOperation && outcome.Problem?.Kind is null or ProblemKind.NotFound)
            return (outcome.Problem is null ? outcome : new Outcome<SpaceWritten>(null, null), new SummaryChange(spaceId, null));
        return (outcome, SummaryOf(spaceId, outcome) ?? (hidden ? new SummaryChange(spaceId, before) : null));
    }

    private async Task<Outcome<SpaceWritten>> SendChange(Operation operation, string spaceId, SpaceAccess access)
    {
        var grain = SpaceGrain(spaceId);
        return operation switch
        {
            UploadSpaceOperation upload => await grain.Create(Uploaded(upload.Space), upload.Space.Content),
            UpdateSpaceOperation update => Written(await grain.Update(access, update.Patch)),
            SetSpaceRemovedOperation remove => Written(await grain.SetRemoved(access, remove.Removed)),
            DeleteSpaceOperation => Written(await grain.Delete(access)),
            JoinSpaceOperation join => Written(await grain.AddCollaborator(new SpaceAccess(UserId, join.CollaboratorKey))),
            _ => Problem.BadRequest($"{operation.Name} is not an operation on a space"),
        };
    }

    /// <summary>
    /// A change that takes a space out of public view (made private, removed, deleted) first writes
    /// its summary as private: should the space's write succeed and the summary's after it fail, the
    /// public profile still never lists more than the SpaceGrain allows. A change that is then
    /// refused or fails puts the summary back as it was (were that write to fail too, the summary
    /// shows less than is true, never more, until the space's next change).
    /// </summary>
    private async Task<bool> HideFirst(Operation operation, SpaceRecord? before)
    {
        var hides = operation switch
        {
            UpdateSpaceOperation update => update.Patch.Privacy == SpacePrivacy.Private,
            SetSpaceRemovedOperation remove => remove.Removed,
            DeleteSpaceOperation => true,
            _ => false,
        };
        if (!hides || before is null || SpaceRights.View(before, Visitor.Anonymous) is not null)
            return false;
        await StoreSummaries([new SummaryChange(before.Id, before with { Privacy = SpacePrivacy.Private })]);
        return true;
    }

    /// <summary>The summary to keep after a change: the new record of an own space, none for one its grain no longer has.</summary>
    private SummaryChange? SummaryOf(string spaceId, Outcome<SpaceWritten> outcome) => outcome switch
    {
        { Value: { Space: var space } } when space.UserId == UserId => new SummaryChange(space.Id, space),
        { Problem.Kind: ProblemKind.NotFound } when _spaces.ContainsKey(spaceId) => new SummaryChange(spaceId, null),
        _ => null,
    };

    private SpaceRecord Uploaded(SpaceUpload space)
    {
        var now = clock.NowInMilliseconds();
        return new SpaceRecord
        {
            Id = space.Id,
            Name = space.Name,
            Privacy = space.Privacy,
            UserId = UserId,
            IsRemoved = space.IsRemoved,
            ShowInExplore = space.ShowInExplore,
            RemovedByUserId = space.IsRemoved ? UserId : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static Outcome<SpaceWritten> Written(Outcome<SpaceRecord> outcome) =>
        outcome.Problem is { } problem ? problem : new SpaceWritten(outcome.Value!, 0);

    /// <summary>
    /// Runs one operation; a failure of storage or of another grain refuses it with 503 and leaves
    /// it unapplied (grains write before they change memory), while the operations before it stay applied.
    /// </summary>
    private static async Task<Problem?> Attempt(Func<Task<Problem?>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Problem.Unavailable("the server could not apply this operation, send it again");
        }
    }
}
