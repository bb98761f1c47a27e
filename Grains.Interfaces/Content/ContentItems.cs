using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Kinopio.Grains.Interfaces.Content;

/// <summary>
/// What every item of a space has (contract §7.1). Items are stored as these records: their
/// stored form and what the contract shows are the same attributes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ContentItem")]
[JsonDerivedType(typeof(Card)), JsonDerivedType(typeof(Connection)), JsonDerivedType(typeof(ConnectionType))]
public abstract record ContentItem
{
    [Id(0), JsonPropertyOrder(-3)] public required string Id { get; init; }
    [Id(1), JsonPropertyOrder(-2)] public required string SpaceId { get; init; }
    [Id(2), JsonPropertyOrder(-1)] public required string UserId { get; init; }
    [Id(3), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Attributes this server does not know, kept and returned as sent (at most 32 scalars).</summary>
    [Id(5), JsonIgnore] public ImmutableDictionary<string, JsonScalar> Extras { get; init; } = ImmutableDictionary<string, JsonScalar>.Empty;

    /// <summary>The extras as top-level attributes of the item's JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, object>? ExtraAttributes => Extras.IsEmpty ? null : Extras.ToDictionary(extra => extra.Key, extra => (object)extra.Value);
}

/// <summary>A card: a text box on the space's canvas.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Card")]
public sealed record Card : ContentItem
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public double X { get; init; }
    [Id(2)] public double Y { get; init; }
    [Id(3)] public double Z { get; init; }
    [Id(4)] public JsonScalar FrameId { get; init; } = JsonScalar.Zero;
    [Id(5)] public bool IsRemoved { get; init; }
}

/// <summary>A line between two cards of the space.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Connection")]
public sealed record Connection : ContentItem
{
    [Id(0)] public required string StartCardId { get; init; }
    [Id(1)] public required string EndCardId { get; init; }
    [Id(2)] public required string ConnectionTypeId { get; init; }
    [Id(3)] public string Path { get; init; } = "";
    [Id(4)] public bool LabelIsVisible { get; init; }
}

/// <summary>A named colour that connections use.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ConnectionType")]
public sealed record ConnectionType : ContentItem
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string Color { get; init; } = "";
}
