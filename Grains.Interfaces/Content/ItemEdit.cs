using System.Collections.Immutable;

namespace Kinopio.Grains.Interfaces.Content;

public enum ItemKind
{
    Card,
    Connection,
    ConnectionType,
}

public enum EditAction
{
    /// <summary>An upsert: an id the space has already is merged into (contract §7.1).</summary>
    Create,
    /// <summary>An upsert too: an id the space does not have yet is created.</summary>
    Update,
    /// <summary>Soft removal of a card; connections and connection types are deleted.</summary>
    Remove,
    Restore,
    /// <summary>Permanent deletion; a card takes its connections with it.</summary>
    Delete,
}

/// <summary>
/// The attributes a client sent for an item, already checked by the request's reader; a null one
/// was not sent. Which ones count depends on the item's kind.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ItemFields")]
public sealed record ItemFields
{
    public static readonly ItemFields None = new();

    [Id(0)] public string? Name { get; init; }
    [Id(1)] public double? X { get; init; }
    [Id(2)] public double? Y { get; init; }
    [Id(3)] public double? Z { get; init; }
    [Id(4)] public JsonScalar? FrameId { get; init; }
    [Id(5)] public string? StartCardId { get; init; }
    [Id(6)] public string? EndCardId { get; init; }
    [Id(7)] public string? ConnectionTypeId { get; init; }
    [Id(8)] public string? Path { get; init; }
    [Id(9)] public bool? LabelIsVisible { get; init; }
    [Id(10)] public string? Color { get; init; }

    /// <summary>Only from a full space uploaded whole (§8.1): how a client hands over its removed cards.</summary>
    [Id(11)] public bool? IsRemoved { get; init; }

    /// <summary>Extra attributes to set; a null value removes the extra.</summary>
    [Id(12)] public ImmutableDictionary<string, JsonScalar?> Extras { get; init; } = ImmutableDictionary<string, JsonScalar?>.Empty;
}

/// <summary>One change to one item of a space.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ItemEdit")]
public sealed record ItemEdit(
    [property: Id(0)] ItemKind Kind,
    [property: Id(1)] EditAction Action,
    [property: Id(2)] string Id,
    [property: Id(3)] ItemFields Fields);

/// <summary>What one edit did: the item as written (null for a deletion), or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ItemResult")]
public sealed record ItemResult([property: Id(0)] ContentItem? Item, [property: Id(1)] Problem? Problem);

/// <summary>What a group of edits did, and how many cards the editor created (its <c>cardsCreatedCount</c>).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.EditResults")]
public sealed record EditResults([property: Id(0)] IReadOnlyList<ItemResult> Results, [property: Id(1)] int CardsCreated);
