namespace Kinopio.Grains.Interfaces.Users;

/// <summary>What anyone may see of a user.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.PublicUser")]
public record PublicUser
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string Color { get; init; } = "";
    [Id(3)] public string Description { get; init; } = "";
    [Id(4)] public string Website { get; init; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
}
