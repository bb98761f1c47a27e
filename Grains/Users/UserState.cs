using System.Collections.Immutable;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>Stored state of a <see cref="UserGrain"/>; <see cref="User"/> is null until sign-up and after deletion.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserState")]
public sealed record UserState
{
    [Id(0)] public PrivateUser? User { get; init; }
    [Id(1)] public string PasswordHash { get; init; } = "";
    [Id(2)] public string ApiKeyHash { get; init; } = "";

    /// <summary>Summaries of the spaces this user owns, removed ones included, by id.</summary>
    [Id(3)] public ImmutableDictionary<string, SpaceRecord> Spaces { get; init; } = ImmutableDictionary<string, SpaceRecord>.Empty;

    [Id(4)] public ImmutableList<string> FavoriteUserIds { get; init; } = [];
    [Id(5)] public ImmutableList<string> FavoriteSpaceIds { get; init; } = [];

    /// <summary>The SHA-256 of each password reset token not yet used, with when it expires.</summary>
    [Id(6)] public ImmutableDictionary<string, DateTimeOffset> ResetTokens { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;
}
