using System.Text.Json.Serialization;
using System.Diagnostics.CodeAnalysis;
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

/// <summary>The answer of a favorite toggle: both lists as they can be shown now, and the new state of the toggled one.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.FavoriteToggled")]
public sealed record FavoriteToggled
{
    [Id(0)] public required IReadOnlyList<PublicUser> FavoriteUsers { get; init; }
    [Id(1)] public required IReadOnlyList<SpaceSummary> FavoriteSpaces { get; init; }
    [Id(2)] public bool IsFavorite { get; init; }
}

/// <summary><c>GET /user/favorites</c>: the private user with its favorites (deleted and no longer viewable ones left out).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserWithFavorites")]
public sealed record UserWithFavorites : PrivateUser
{
    public UserWithFavorites()
    {
    }

    [SetsRequiredMembers]
    public UserWithFavorites(PrivateUser user) : base(user)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public IReadOnlyList<PublicUser> FavoriteUsers { get; init; } = [];
    [Id(1), JsonPropertyOrder(1)] public IReadOnlyList<SpaceSummary> FavoriteSpaces { get; init; } = [];
}

/// <summary><c>GET /user/public/:userId</c>: the public user and its public spaces.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.PublicProfile")]
public sealed record PublicProfile : PublicUser
{
    public PublicProfile()
    {
    }

    [SetsRequiredMembers]
    public PublicProfile(PublicUser user) : base(user)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public IReadOnlyList<SpaceSummary> Spaces { get; init; } = [];
}
