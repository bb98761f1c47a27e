using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// One space. Its partition holds one item for the space's own attributes and one per card,
/// connection and connection type, so editing one card writes that card; a change of the space and
/// its content together (an upload, a deletion) is one atomic write.
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
            else if (ContentKeys.KindOf(item.Key) is { } kind)
            {
                var content = _items.Decode<ContentItem>(item);
                _content.Apply(kind, content.Id, content);
            }
        }
    }

    public async Task<Outcome<SpaceSummary>> View(SpaceAccess access) =>
        SpaceRights.View(Space, access) is { } refused ? refused : await Summarize(Space!) is { } summary ? summary : SpaceRights.NotFound;

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

    public async Task<Outcome<SpaceSummary?>> ViewRoom(SpaceAccess access) => Space switch
    {
        null => new Outcome<SpaceSummary?>(null, null),
        _ when SpaceRights.View(Space, access) is not null => SpaceRights.NotViewable,
        { } space => await Summarize(space),
    };

    public Task<bool> HasUrl(string url) => Task.FromResult(Space is { } space && SpaceSummary.UrlOf(space.Name, space.Id) == url);

    public async Task<Outcome<SpaceRecord>> Update(SpaceAccess access, SpacePatch patch) =>
        SpaceRights.EditSpace(Space, access) ?? await Save(Space! with
        {
            Name = patch.Name ?? Space.Name,
            Privacy = patch.Privacy ?? Space.Privacy,
            ShowInExplore = patch.ShowInExplore ?? Space.ShowInExplore,
            UpdatedAt = clock.NowInMilliseconds(),
        });

    public async Task<Outcome<SpaceRecord>> SetRemoved(SpaceAccess access, bool removed) =>
        SpaceRights.Own(Space, access) ?? await Save(Space! with
        {
            IsRemoved = removed,
            RemovedByUserId = removed ? access.UserId : null,
            UpdatedAt = clock.NowInMilliseconds(),
        });

    public async Task<Outcome<SpaceRecord>> Delete(SpaceAccess access)
    {
        if (SpaceRights.Own(Space, access) is { } problem)
            return problem;
        var deleted = Space!;
        await _items.Clear();
        Space = null;
        _content.Clear();
        await TellExplore(deleted, null);
        return deleted;
    }

    /// <summary>The space as shown, with its owner as its one user; null if the owner is gone.</summary>
    private async Task<SpaceSummary?> Summarize(SpaceRecord space) =>
        await GrainFactory.GetGrain<IUserGrain>(space.UserId).GetPublicUser() is { } owner ? SpaceSummary.Of(space, owner) : null;

    private async Task<Outcome<SpaceRecord>> Save(SpaceRecord space)
    {
        var before = Space;
        await _items.Save([_items.Put(ContentKeys.Space, space)]);
        Space = space;
        await TellExplore(before, space);
        return space;
    }
}
