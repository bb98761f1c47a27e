namespace Kinopio.Grains.Interfaces.Explore;

/// <summary>A space in the explore list: which one, whose (to show its owner), and when it was last made explorable or renamed.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ExploreEntry")]
public sealed record ExploreEntry(
    [property: Id(0)] string SpaceId,
    [property: Id(1)] string UserId,
    [property: Id(2)] DateTimeOffset ListedAt);
