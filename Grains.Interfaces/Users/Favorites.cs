using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Interfaces.Users;

public enum FavoriteKind
{
    User,
    Space,
}

/// <summary>The body of <c>PATCH /user/favorites</c>.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.FavoriteToggle")]
public sealed record FavoriteToggle([property: Id(0)] FavoriteKind Kind, [property: Id(1)] string Id);

/// <summary>A user's favorites as they can be shown now: deleted ones and spaces the user can no longer view are left out.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Favorites")]
public sealed record Favorites
{
    [Id(0)] public required IReadOnlyList<PublicUser> FavoriteUsers { get; init; }
    [Id(1)] public required IReadOnlyList<SpaceSummary> FavoriteSpaces { get; init; }
}

/// <summary>The answer of a favorite toggle: both lists and the new state of the toggled one.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.FavoriteToggled")]
public sealed record FavoriteToggled
{
    [Id(0)] public required IReadOnlyList<PublicUser> FavoriteUsers { get; init; }
    [Id(1)] public required IReadOnlyList<SpaceSummary> FavoriteSpaces { get; init; }
    [Id(2)] public bool IsFavorite { get; init; }
}

/// <summary><c>GET /user/favorites</c>: the private user and its favorites.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserWithFavorites")]
public sealed record UserWithFavorites([property: Id(0)] PrivateUser User, [property: Id(1)] Favorites Favorites);

/// <summary><c>GET /user/public/:userId</c>: the public user and its public spaces.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.PublicProfile")]
public sealed record PublicProfile([property: Id(0)] PublicUser User, [property: Id(1)] IReadOnlyList<SpaceSummary> Spaces);
