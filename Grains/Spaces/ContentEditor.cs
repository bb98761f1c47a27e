using System.Collections.Immutable;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// Applies one edit to a space's content (contract §7.1, §7.3): rights first (<see cref="SpaceRights"/>),
/// then the item rules (upserts, removed cards never written over, connections between cards of
/// the space, the §11 limits), the new item put into the layer it is given.
/// </summary>
public sealed class ContentEditor(SpaceRecord? space, Visitor editor, DateTimeOffset now, LimitOptions limits)
{
    public const int MaxExtras = 32;

    /// <summary>Cards this editor created in the layers it applied to.</summary>
    public int CardsCreated { get; private set; }

    public ItemResult Apply(ContentLayer layer, ItemEdit edit)
    {
        var existing = layer.Find(edit.Kind, edit.Id);
        var name = ContentKeys.Name(edit.Kind);
        if (SpaceRights.EditItem(space, editor, existing?.UserId) is { } refused)
            return Refused(refused);

        switch (edit.Action)
        {
            case EditAction.Create or EditAction.Update:
                return Write(layer, edit, existing);
            case EditAction.Remove when edit.Kind == ItemKind.Card:
            case EditAction.Restore when edit.Kind == ItemKind.Card:
                if (existing is not Card card)
                    return Refused(Problem.NotFound($"{name} not found"));
                var changed = card with { IsRemoved = edit.Action == EditAction.Remove, UpdatedAt = now };
                layer.Put(changed);
                return new ItemResult(changed, null);
            case EditAction.Restore:
                return Refused(Problem.BadRequest($"a {name} can't be restored"));
            default:
                if (existing is null)
                    return Refused(Problem.NotFound($"{name} not found"));
                if (existing is Card)
                    foreach (var connection in layer.ConnectionsOf(existing.Id).ToList())
                        layer.Delete(ItemKind.Connection, connection.Id);
                layer.Delete(edit.Kind, edit.Id);
                return new ItemResult(existing, null);
        }
    }

    private ItemResult Write(ContentLayer layer, ItemEdit edit, ContentItem? existing)
    {
        var fields = edit.Fields;
        if (existing is Card { IsRemoved: true } && fields.IsRemoved is null)
            return Refused(Problem.Removed("card is removed: restore it or delete it"));
        if (existing is null && layer.Count(edit.Kind) >= Limit(edit.Kind))
            return Refused(Problem.LimitReached($"a space holds at most {Limit(edit.Kind)} {ContentKeys.Name(edit.Kind)}s"));

        var extras = Merge(existing?.Extras ?? ImmutableDictionary<string, JsonScalar>.Empty, fields.Extras);
        if (extras.Count > MaxExtras)
            return Refused(Problem.BadRequest($"an item keeps at most {MaxExtras} extra attributes"));

        var built = edit.Kind switch
        {
            ItemKind.Card => Card(layer, edit.Id, (Card?)existing, fields),
            ItemKind.Connection => Connection(layer, edit.Id, (Connection?)existing, fields),
            _ => ConnectionType(edit.Id, (ConnectionType?)existing, fields),
        };
        if (built.Problem is { } problem)
            return Refused(problem);

        var item = built.Value! with { Extras = extras, UpdatedAt = now };
        if (existing is null && item is Card)
            CardsCreated++;
        layer.Put(item);
        return new ItemResult(item, null);
    }

    private Outcome<ContentItem> Card(IContentView content, string id, Card? existing, ItemFields fields)
    {
        if (existing is not null)
            return existing with
            {
                Name = fields.Name ?? existing.Name,
                X = fields.X ?? existing.X,
                Y = fields.Y ?? existing.Y,
                Z = fields.Z ?? existing.Z,
                FrameId = fields.FrameId ?? existing.FrameId,
                IsRemoved = fields.IsRemoved ?? existing.IsRemoved,
            };

        // Contract §7.1: below the most recently updated card, on top of every card.
        var below = content.LastUpdatedCard;
        return new Card
        {
            Id = id,
            SpaceId = space!.Id,
            UserId = editor.UserId!,
            CreatedAt = now,
            Name = fields.Name ?? "",
            X = fields.X ?? below?.X ?? 100,
            Y = fields.Y ?? (below is null ? 100 : below.Y + 60),
            Z = fields.Z ?? (content.HighestZ is { } z ? z + 1 : 1),
            FrameId = fields.FrameId ?? JsonScalar.Zero,
            IsRemoved = fields.IsRemoved ?? false,
        };
    }

    private Outcome<ContentItem> Connection(IContentView content, string id, Connection? existing, ItemFields fields)
    {
        var start = fields.StartCardId ?? existing?.StartCardId;
        var end = fields.EndCardId ?? existing?.EndCardId;
        var type = fields.ConnectionTypeId ?? existing?.ConnectionTypeId;
        if (start is null)
            return Problem.BadRequest("startCardId is required");
        if (end is null)
            return Problem.BadRequest("endCardId is required");
        if (type is null)
            return Problem.BadRequest("connectionTypeId is required");
        if (content.Find(ItemKind.Card, start) is null)
            return Problem.BadRequest("startCardId is not a card of this space");
        if (content.Find(ItemKind.Card, end) is null)
            return Problem.BadRequest("endCardId is not a card of this space");
        if (start == end)
            return Problem.BadRequest("endCardId must be another card than startCardId");

        return (existing ?? new Connection
        {
            Id = id,
            SpaceId = space!.Id,
            UserId = editor.UserId!,
            CreatedAt = now,
            StartCardId = start,
            EndCardId = end,
            ConnectionTypeId = type,
        }) with
        {
            StartCardId = start,
            EndCardId = end,
            ConnectionTypeId = type,
            Path = fields.Path ?? existing?.Path ?? "",
            LabelIsVisible = fields.LabelIsVisible ?? existing?.LabelIsVisible ?? false,
        };
    }

    private Outcome<ContentItem> ConnectionType(string id, ConnectionType? existing, ItemFields fields)
    {
        if (existing is not null)
            return existing with { Name = fields.Name ?? existing.Name, Color = fields.Color ?? existing.Color };
        if (fields.Name is null)
            return Problem.BadRequest("name is required");
        return new ConnectionType
        {
            Id = id,
            SpaceId = space!.Id,
            UserId = editor.UserId!,
            CreatedAt = now,
            Name = fields.Name,
            Color = fields.Color ?? "",
        };
    }

    private int Limit(ItemKind kind) => kind switch
    {
        ItemKind.Card => limits.CardsPerSpace,
        ItemKind.Connection => limits.ConnectionsPerSpace,
        _ => limits.ConnectionTypesPerSpace,
    };

    private static ImmutableDictionary<string, JsonScalar> Merge(ImmutableDictionary<string, JsonScalar> extras, ImmutableDictionary<string, JsonScalar?> sent)
    {
        foreach (var (name, value) in sent)
            extras = value is null ? extras.Remove(name) : extras.SetItem(name, value);
        return extras;
    }

    private static ItemResult Refused(Problem problem) => new(null, problem);
}
