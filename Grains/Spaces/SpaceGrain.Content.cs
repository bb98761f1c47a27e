using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Storage;

namespace Kinopio.Grains.Spaces;

/// <summary>The space's content: items read under the view rule, edits applied in groups that are each one durable write.</summary>
public sealed partial class SpaceGrain
{
    /// <summary>
    /// Creates the space with its content, or, for its owner, takes a re-upload: the attributes and
    /// the items sent are written, items left out are kept (contract §8.1). Items that cannot be
    /// taken are left out; an id held by another user is taken (409). All in one write.
    /// </summary>
    public async Task<Outcome<SpaceWritten>> Create(SpaceRecord space, IReadOnlyList<ItemEdit> content)
    {
        if (Space is { } existing && existing.UserId != space.UserId)
            return Problem.Taken($"space id {space.Id} is already taken");

        // A re-upload comes from a device's copy, which may be older than the space: it brings items,
        // never the space's own attributes (a stale copy must not make a private space public again,
        // or bring back a removed one).
        var record = Space is { } owned ? owned with { UpdatedAt = space.UpdatedAt } : space;
        var owner = new Visitor(space.UserId, HoldsKey: false);
        var layer = new ContentLayer(_content);
        var editor = new ContentEditor(record, owner, clock.NowInMilliseconds(), limits.Value);
        foreach (var edit in content)
        {
            var one = new ContentLayer(layer);
            if (editor.Apply(one, edit).Problem is null)
                one.MergeInto(layer);
        }

        var before = Space;
        var key = _collaboratorKey ?? NewKey();
        await Write(layer, [_items.Put(ContentKeys.Space, record), .. _collaboratorKey is null ? [KeyItem(key)] : Array.Empty<ItemChange>()]);
        Space = record;
        _collaboratorKey = key;
        await AfterChange(before, record, owner);
        return new SpaceWritten(record, editor.CardsCreated);
    }

    public Task<Outcome<ContentItem>> GetItem(SpaceAccess access, ItemKind kind, string id) => Task.FromResult<Outcome<ContentItem>>(
        SpaceRights.View(Space, VisitorOf(access)) is { } refused ? refused
        : _content.Find(kind, id) is { } item ? item
        : Problem.NotFound($"{ContentKeys.Name(kind)} not found"));

    public Task<Outcome<IReadOnlyList<Card>>> GetRemovedCards(SpaceAccess access) => Task.FromResult(
        SpaceRights.View(Space, VisitorOf(access)) is { } refused
            ? new Outcome<IReadOnlyList<Card>>(null, refused)
            : new Outcome<IReadOnlyList<Card>>(_content.RemovedCards.ToList(), null));

    public async Task<Outcome<EditResults>> Edit(SpaceAccess access, IReadOnlyList<ItemEdit> edits, bool allOrNothing)
    {
        var layer = new ContentLayer(_content);
        var editor = new ContentEditor(Space, VisitorOf(access), clock.NowInMilliseconds(), limits.Value);
        var results = new List<ItemResult>(edits.Count);
        foreach (var edit in edits)
        {
            var one = new ContentLayer(layer);
            var result = editor.Apply(one, edit);
            results.Add(result);
            if (result.Problem is null)
                one.MergeInto(layer);
            else if (allOrNothing)
                return new EditResults(results, 0);
        }

        await Write(layer, []);
        return new EditResults(results, editor.CardsCreated);
    }

    /// <summary>Writes the layer's changes (and any other items) in one write, then takes them into memory.</summary>
    private async Task Write(ContentLayer layer, IReadOnlyList<ItemChange> others)
    {
        var changes = layer.Changes.ToList();
        await _items.Save([
            .. others,
            .. changes.Select(change => change.Item is null
                ? ItemChange.Delete(ContentKeys.Of(change.Kind, change.Id))
                : _items.Put(ContentKeys.Of(change.Kind, change.Id), change.Item)),
        ]);
        foreach (var (kind, id, item) in changes)
            _content.Apply(kind, id, item);
    }
}
