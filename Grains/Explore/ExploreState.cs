using System.Collections.Immutable;
using Kinopio.Grains.Interfaces.Explore;

namespace Kinopio.Grains.Explore;

/// <summary>The stored explore list: at most <see cref="ExploreGrain.Capacity"/> entries, newest first; small, written whole.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ExploreState")]
public sealed record ExploreState
{
    [Id(0)] public ImmutableList<ExploreEntry> Entries { get; init; } = [];
}
