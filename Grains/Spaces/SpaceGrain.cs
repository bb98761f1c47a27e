using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Kinopio.Grains.Spaces;

public sealed class SpaceGrain(
    IItemStore items,
    Serializer serializer,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock)
    : Grain, ISpaceGrain
{
    private const string SpaceKey = "space";
    private static readonly Problem NotFound = Problem.NotFound("space not found");
    private static readonly Problem NotViewable = Problem.Unauthorized("this space is private");

    private ItemPartition _items = null!;

    /// <summary>The space's own attributes; null until created and after deletion.</summary>
    private SpaceRecord? Space { get; set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _items = new ItemPartition(items, serializer, this.GetGrainId());
        foreach (var item in await _items.Load())
            if (item.Key == SpaceKey)
                Space = _items.Decode<SpaceRecord>(item);
    }

    public async Task<Outcome<SpaceRecord>> Create(SpaceRecord space)
    {
        if (Space is { } existing && existing.UserId != space.UserId)
            return Problem.Taken($"space id {space.Id} is already taken");
        return await Save(space);
    }

    public async Task<Outcome<SpaceSummary>> View(string? viewerId)
    {
        if (Space is not { } space || !space.IsViewableBy(viewerId) && space.IsRemoved)
            return NotFound;
        if (!space.IsViewableBy(viewerId))
            return NotViewable;
        return await Summarize(space) is { } summary ? summary : NotFound;
    }

    public async Task<Outcome<SpaceSummary?>> ViewRoom(string? viewerId) => Space switch
    {
        null => new Outcome<SpaceSummary?>(null, null),
        { } space when !space.IsViewableBy(viewerId) => NotViewable,
        { } space => await Summarize(space),
    };

    public async Task<Outcome<SpaceRecord>> Update(string editorId, SpacePatch patch) =>
        CheckEdit(editorId) ?? await Save(Space! with
        {
            Name = patch.Name ?? Space.Name,
            Privacy = patch.Privacy ?? Space.Privacy,
            UpdatedAt = clock.NowInMilliseconds(),
        });

    public async Task<Outcome<SpaceRecord>> SetRemoved(string editorId, bool removed) =>
        CheckEdit(editorId) ?? await Save(Space! with
        {
            IsRemoved = removed,
            RemovedByUserId = removed ? editorId : null,
            UpdatedAt = clock.NowInMilliseconds(),
        });

    public async Task<Outcome<SpaceRecord>> Delete(string editorId)
    {
        if (CheckEdit(editorId) is { } problem)
            return problem;
        var deleted = Space!;
        await _items.Clear();
        Space = null;
        return deleted;
    }

    /// <summary>Contract §5.2: not found → 404, not viewable → 401, viewable but not editable → 403.</summary>
    private Problem? CheckEdit(string editorId) => Space switch
    {
        null => NotFound,
        { } space when space.UserId == editorId => null,
        { IsRemoved: true } => NotFound,
        { Privacy: SpacePrivacy.Private } => NotViewable,
        _ => Problem.Forbidden("only the space's owner can change it"),
    };

    /// <summary>The space as shown, with its owner as its one user; null if the owner is gone.</summary>
    private async Task<SpaceSummary?> Summarize(SpaceRecord space) =>
        await GrainFactory.GetGrain<IUserGrain>(space.UserId).GetPublicUser() is { } owner ? SpaceSummary.Of(space, owner) : null;

    private async Task<Outcome<SpaceRecord>> Save(SpaceRecord space)
    {
        await _items.Save([_items.Put(SpaceKey, space)]);
        Space = space;
        return space;
    }
}
