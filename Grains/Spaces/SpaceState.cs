using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Spaces;

/// <summary>Stored state of a <see cref="SpaceGrain"/>; <see cref="Space"/> is null until created and after deletion.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceState")]
public sealed record SpaceState
{
    [Id(0)] public SpaceRecord? Space { get; init; }
}
