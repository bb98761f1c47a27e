using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Tests.Support;

/// <summary>Content edits as grain tests write them.</summary>
public static class Edits
{
    public static ItemEdit NewCard(string id, double? x = null, string? name = null) =>
        new(ItemKind.Card, EditAction.Create, id, new ItemFields { X = x, Name = name });

    public static ItemEdit MoveCard(string id, double x, double y) =>
        new(ItemKind.Card, EditAction.Update, id, new ItemFields { X = x, Y = y });

    public static ItemEdit NewType(string id) =>
        new(ItemKind.ConnectionType, EditAction.Create, id, new ItemFields { Name = "type" });

    public static ItemEdit NewConnection(string id, string start, string end, string type) =>
        new(ItemKind.Connection, EditAction.Create, id, new ItemFields { StartCardId = start, EndCardId = end, ConnectionTypeId = type });

    public static ItemEdit DeleteCard(string id) => new(ItemKind.Card, EditAction.Delete, id, ItemFields.None);
}
