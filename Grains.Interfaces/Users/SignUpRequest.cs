namespace Kinopio.Grains.Interfaces.Users;

/// <summary>A validated sign-up: the id is already chosen (the client's or a generated one).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SignUpRequest")]
public sealed record SignUpRequest
{
    [Id(0)] public required string Email { get; init; }
    [Id(1)] public required string Password { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Color { get; init; }
    [Id(4)] public string? Description { get; init; }
    [Id(5)] public string? Website { get; init; }
}
