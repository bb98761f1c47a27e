using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// One space. Its partition holds one item for the space's own attributes, one for its
/// collaborator key and one per card, connection and connection type, so editing one card writes
/// that card; a change of the space and its content together (an upload, a deletion) is one
/// atomic write. Every request is judged by <see cref="SpaceRights"/> as the <see cref="Visitor"/>
/// its access makes.
/// </summary>
public sealed partial class SpaceGrain(
    IItemStore items,
    Serializer serializer,
    IOptions<LimitOptions> limits,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock,
    ILogger<SpaceGrain> logger)
    : Grain, ISpaceGrain
{
    private readonly SpaceContent _content = new();
    private ItemPartition _items = null!;

    /// <summary>The space's own attributes; null until created and after deletion.</summary>
    private SpaceRecord? Space { get; set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _items = new ItemPartition(items, serializer, this.GetGrainId());
        foreach (var item in await _items.Load())
        {
            if (item.Key == ContentKeys.Space)
                Space = _items.Decode<SpaceRecord>(item);
            else if (item.Key == ContentKeys.CollaboratorKey)
                _collaboratorKey = _items.Decode<string>(item);
            else if (ContentKeys.KindOf(item.Key) is { } kind)
            {
                var content = _items.Decode<ContentItem>(item);
                _content.Apply(kind, content.Id, content);
            }
        }
    }

    public async Task<Outcome<SpaceSummary>> View(SpaceAccess access) =>
        SpaceRights.View(Space, VisitorOf(access)) is { } refused ? refused : await Summarize(Space!) is { } summary ? summary : SpaceRights.NotFound;

    public async Task<Outcome<FullSpace>> ViewFull(SpaceAccess access)
    {
        var view = await View(access);
        if (view.Problem is { } refused)
            return refused;
        return new FullSpace(view.Value!)
        {
            Cards = _content.Cards,
            Connections = _content.Connections,
            ConnectionTypes = _content.ConnectionTypes,
        };
    }

    public async Task<Outcome<RoomView?>> ViewRoom(SpaceAccess access)
    {
        if (Space is not { } space)
            return new Outcome<RoomView?>(null, null);
        var visitor = VisitorOf(access);
        if (SpaceRights.View(space, visitor) is not null)
            return SpaceRights.NotViewable;
        return await Summarize(space) is { } summary ? new RoomView(summary, SpaceRights.IsCollaborator(space, visitor)) : SpaceRights.NotFound;
    }

    public Task<bool> HasUrl(string url) => Task.FromResult(Space is { } space && SpaceSummary.UrlOf(space.Name, space.Id) == url);

    public async Task<Outcome<SpaceRecord>> Update(SpaceAccess access, SpacePatch patch)
    {
        var visitor = VisitorOf(access);
        if (SpaceRights.EditSpace(Space, visitor) is { } refused)
            return refused;
        return await Save(Space! with
        {
            Name = patch.Name ?? Space.Name,
            Privacy = patch.Privacy ?? Space.Privacy,
            ShowInExplore = patch.ShowInExplore ?? Space.ShowInExplore,
            UpdatedAt = clock.NowInMilliseconds(),
        }, visitor);
    }

    public async Task<Outcome<SpaceRecord>> SetRemoved(SpaceAccess access, bool removed)
    {
        var visitor = VisitorOf(access);
        if (SpaceRights.Own(Space, visitor) is { } refused)
            return refused;
        return await Save(Space! with
        {
            IsRemoved = removed,
            RemovedByUserId = removed ? access.UserId : null,
            UpdatedAt = clock.NowInMilliseconds(),
        }, visitor);
    }

    public async Task<Outcome<SpaceRecord>> Delete(SpaceAccess access)
    {
        if (SpaceRights.Own(Space, VisitorOf(access)) is { } problem)
            return problem;
        var deleted = Space!;
        await _items.Clear();
        Space = null;
        _collaboratorKey = null;
        _content.Clear();
        await AfterChange(deleted, null, VisitorOf(access));
        return deleted;
    }

    /// <summary>The space as shown: its owner as its one user and its collaborators; null if the owner is gone.</summary>
    private async Task<SpaceSummary?> Summarize(SpaceRecord space)
    {
        var owner = GrainFactory.GetGrain<IUserGrain>(space.UserId).GetPublicUser();
        var collaborators = Task.WhenAll(space.CollaboratorIds.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPublicUser()));
        return await owner is { } user ? SpaceSummary.Of(space, user, (await collaborators).OfType<PublicUser>().ToList()) : null;
    }

    private async Task<Outcome<SpaceRecord>> Save(SpaceRecord space, Visitor editor, params ItemChange[] others)
    {
        var before = Space;
        await _items.Save([_items.Put(ContentKeys.Space, space), .. others]);
        Space = space;
        await AfterChange(before, space, editor);
        return space;
    }

    /// <summary>
    /// What a durable change of the record means elsewhere: the explore list, the owner's summary
    /// when someone else made the change, and the realtime room, whose sockets that may no longer
    /// view the space are closed on every front end (contract §9.3).
    /// </summary>
    private async Task AfterChange(SpaceRecord? before, SpaceRecord? after, Visitor editor)
    {
        await TellExplore(before, after);
        if (after is not null && !SpaceRights.IsOwner(after, editor))
            GrainFactory.GetGrain<IUserGrain>(after.UserId).KeepSummary(after).Ignore();
        if (before is not null && Narrows(before, after))
            await Quietly(() => GrainFactory.GetGrain<ISpaceRoomGrain>(before.Id).Recheck(after), "recheck its room");
    }

    /// <summary>Whether someone who could view the space before may not now.</summary>
    private static bool Narrows(SpaceRecord before, SpaceRecord? after) =>
        after is null
        || after.IsRemoved && !before.IsRemoved
        || after.Privacy == SpacePrivacy.Private && before.Privacy != SpacePrivacy.Private
        || before.CollaboratorIds.Except(after.CollaboratorIds).Any();

    private async Task Quietly(Func<Task> step, string what)
    {
        try
        {
            await step();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Space {SpaceId} could not {What}", this.GetPrimaryKeyString(), what);
        }
    }
}
