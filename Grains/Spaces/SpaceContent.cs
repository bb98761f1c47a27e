using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Grains.Spaces;

/// <summary>What a space's content can be asked, whether committed or with edits on top (<see cref="ContentLayer"/>).</summary>
public interface IContentView
{
    ContentItem? Find(ItemKind kind, string id);
    int Count(ItemKind kind);
    IEnumerable<Connection> ConnectionsOf(string cardId);
    double? HighestZ { get; }
    Card? LastUpdatedCard { get; }
}

/// <summary>
/// A space's committed content in memory, each kind in the order its items were first stored.
/// Changed only with what a durable write holds (<see cref="Apply"/>).
/// </summary>
public sealed class SpaceContent : IContentView
{
    private readonly OrderedDictionary<string, Card> _cards = [];
    private readonly OrderedDictionary<string, Connection> _connections = [];
    private readonly OrderedDictionary<string, ConnectionType> _types = [];
    private Card? _lastUpdatedCard;

    public IReadOnlyList<Card> Cards => [.. _cards.Values];
    public IReadOnlyList<Connection> Connections => [.. _connections.Values];
    public IReadOnlyList<ConnectionType> ConnectionTypes => [.. _types.Values];

    public double? HighestZ { get; private set; }
    public Card? LastUpdatedCard => _lastUpdatedCard;

    public IEnumerable<Card> RemovedCards => _cards.Values.Where(card => card.IsRemoved);

    public ContentItem? Find(ItemKind kind, string id) => kind switch
    {
        ItemKind.Card => _cards.GetValueOrDefault(id),
        ItemKind.Connection => _connections.GetValueOrDefault(id),
        _ => _types.GetValueOrDefault(id),
    };

    public int Count(ItemKind kind) => kind switch
    {
        ItemKind.Card => _cards.Count,
        ItemKind.Connection => _connections.Count,
        _ => _types.Count,
    };

    public IEnumerable<Connection> ConnectionsOf(string cardId) =>
        _connections.Values.Where(connection => connection.StartCardId == cardId || connection.EndCardId == cardId);

    /// <summary>Takes in an item as written (null: deleted); a new one goes last in its kind's order.</summary>
    public void Apply(ItemKind kind, string id, ContentItem? item)
    {
        switch (item)
        {
            case null when kind == ItemKind.Card:
                _cards.Remove(id);
                if (_lastUpdatedCard?.Id == id)
                    _lastUpdatedCard = _cards.Values.MaxBy(card => card.UpdatedAt);
                break;
            case null when kind == ItemKind.Connection:
                _connections.Remove(id);
                break;
            case null:
                _types.Remove(id);
                break;
            case Card card:
                _cards[id] = card;
                HighestZ = HighestZ is { } z ? Math.Max(z, card.Z) : card.Z;
                if (_lastUpdatedCard is null || card.UpdatedAt >= _lastUpdatedCard.UpdatedAt)
                    _lastUpdatedCard = card;
                break;
            case Connection connection:
                _connections[id] = connection;
                break;
            case ConnectionType type:
                _types[id] = type;
                break;
        }
    }

    public void Clear()
    {
        _cards.Clear();
        _connections.Clear();
        _types.Clear();
        _lastUpdatedCard = null;
        HighestZ = null;
    }
}
