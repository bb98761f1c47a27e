namespace Kinopio.Grains.Accounts;

/// <summary>Stored state of an index grain: the user a unique value belongs to.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.OwnerState")]
public sealed record OwnerState
{
    [Id(0)] public string? UserId { get; init; }
}
