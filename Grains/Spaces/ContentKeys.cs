using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Grains.Spaces;

/// <summary>The item keys of a space's partition: <c>space</c> for its own attributes, <c>card/&lt;id&gt;</c> and so on for its content.</summary>
public static class ContentKeys
{
    public const string Space = "space";
    public const string CollaboratorKey = "collaborator-key";

    public static string Of(ItemKind kind, string id) => $"{Prefix(kind)}{id}";

    public static string Of(ContentItem item) => Of(KindOf(item), item.Id);

    public static ItemKind KindOf(ContentItem item) => item switch
    {
        Card => ItemKind.Card,
        Connection => ItemKind.Connection,
        _ => ItemKind.ConnectionType,
    };

    /// <summary>The kind of a stored content key, or null for a key that is not content.</summary>
    public static ItemKind? KindOf(string key) =>
        key.StartsWith(Prefix(ItemKind.Card), StringComparison.Ordinal) ? ItemKind.Card
        : key.StartsWith(Prefix(ItemKind.Connection), StringComparison.Ordinal) ? ItemKind.Connection
        : key.StartsWith(Prefix(ItemKind.ConnectionType), StringComparison.Ordinal) ? ItemKind.ConnectionType
        : null;

    public static string Name(ItemKind kind) => kind switch
    {
        ItemKind.Card => "card",
        ItemKind.Connection => "connection",
        _ => "connection type",
    };

    private static string Prefix(ItemKind kind) => kind switch
    {
        ItemKind.Card => "card/",
        ItemKind.Connection => "connection/",
        _ => "connection-type/",
    };
}
