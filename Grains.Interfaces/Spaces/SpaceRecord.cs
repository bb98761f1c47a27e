using System.Collections.Immutable;

namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>
/// A space's own attributes: what its SpaceGrain stores, and the summary its owner's UserGrain
/// keeps for fast listing. Anything derived (url, users) is added when it is shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceRecord")]
public sealed record SpaceRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Privacy { get; init; }
    [Id(3)] public required string UserId { get; init; }
    [Id(4)] public bool IsRemoved { get; init; }
    [Id(5)] public string? RemovedByUserId { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The editors' choice to list the space in explore (<c>GET /space/new-spaces</c>).</summary>
    [Id(8)] public bool ShowInExplore { get; init; }

    /// <summary>The users who joined through an invite (contract §9), oldest first; at most <c>Limits:CollaboratorsPerSpace</c>.</summary>
    [Id(9)] public ImmutableList<string> CollaboratorIds { get; init; } = [];
}
