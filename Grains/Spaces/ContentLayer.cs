using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// Edits not yet written, on top of the content below them: a group of edits builds one layer (one
/// write), and each edit its own layer on top of that, merged only if the whole edit is accepted.
/// </summary>
public sealed class ContentLayer(IContentView below) : IContentView
{
    private readonly OrderedDictionary<(ItemKind Kind, string Id), ContentItem?> _changes = [];
    private readonly Dictionary<ItemKind, int> _added = [];
    private Card? _lastUpdatedCard;
    private double? _highestZ;

    /// <summary>Every change in the order made: (kind, id, the item as it is now, or null if deleted).</summary>
    public IEnumerable<(ItemKind Kind, string Id, ContentItem? Item)> Changes =>
        _changes.Select(change => (change.Key.Kind, change.Key.Id, change.Value));

    public ContentItem? Find(ItemKind kind, string id) =>
        _changes.TryGetValue((kind, id), out var changed) ? changed : below.Find(kind, id);

    public int Count(ItemKind kind) => below.Count(kind) + _added.GetValueOrDefault(kind);

    public IEnumerable<Connection> ConnectionsOf(string cardId) => below.ConnectionsOf(cardId)
        .Where(connection => !_changes.ContainsKey((ItemKind.Connection, connection.Id)))
        .Concat(_changes.Values.OfType<Connection>().Where(connection => connection.StartCardId == cardId || connection.EndCardId == cardId));

    public double? HighestZ => _highestZ is { } z && below.HighestZ is { } under ? Math.Max(z, under) : _highestZ ?? below.HighestZ;

    public Card? LastUpdatedCard => _lastUpdatedCard ?? below.LastUpdatedCard;

    public void Put(ContentItem item)
    {
        var kind = ContentKeys.KindOf(item);
        Count(kind, +(Find(kind, item.Id) is null ? 1 : 0));
        _changes[(kind, item.Id)] = item;
        if (item is Card card)
        {
            _lastUpdatedCard = card;
            _highestZ = _highestZ is { } z ? Math.Max(z, card.Z) : card.Z;
        }
    }

    public void Delete(ItemKind kind, string id)
    {
        if (Find(kind, id) is null)
            return;
        Count(kind, -1);
        _changes[(kind, id)] = null;
        if (_lastUpdatedCard?.Id == id)
            _lastUpdatedCard = null;
    }

    /// <summary>Adds this layer's changes to the layer below it.</summary>
    public void MergeInto(ContentLayer lower)
    {
        foreach (var ((kind, id), item) in _changes)
        {
            if (item is null)
                lower.Delete(kind, id);
            else
                lower.Put(item);
        }
    }

    private void Count(ItemKind kind, int delta) => _added[kind] = _added.GetValueOrDefault(kind) + delta;
}
