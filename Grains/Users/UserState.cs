using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>Stored state of a <see cref="UserGrain"/>; <see cref="User"/> is null until sign-up and after deletion.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserState")]
public sealed record UserState
{
    [Id(0)] public PrivateUser? User { get; init; }
    [Id(1)] public string PasswordHash { get; init; } = "";
    [Id(2)] public string ApiKeyHash { get; init; } = "";
}
