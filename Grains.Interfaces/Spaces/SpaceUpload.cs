using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>A full space as a client hands it over (contract §8.1): its attributes and its items, read leniently.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceUpload")]
public sealed record SpaceUpload
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string Privacy { get; init; } = SpacePrivacy.Closed;
    [Id(3)] public bool IsRemoved { get; init; }
    [Id(4)] public IReadOnlyList<ItemEdit> Content { get; init; } = [];
    [Id(5)] public bool ShowInExplore { get; init; }
}

/// <summary>What creating or uploading a space wrote: the space, and how many cards of the uploader it created.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceWritten")]
public sealed record SpaceWritten([property: Id(0)] SpaceRecord Space, [property: Id(1)] int CardsCreated);
