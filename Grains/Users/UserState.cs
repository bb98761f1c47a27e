using System.Collections.Immutable;

namespace Kinopio.Grains.Users;

/// <summary>
/// The stored account of a <see cref="UserGrain"/>: small and bounded, written whole. What grows
/// (spaces, favorites) is in the grain's item partition instead. <see cref="Account"/> is null
/// until sign-up and after deletion (then <see cref="Deleted"/> keeps the id taken). Ids 0 and 3–5 held round 1's layout and are not used again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserState")]
public sealed record UserState
{
    [Id(1)] public string PasswordHash { get; init; } = "";
    [Id(2)] public string ApiKeyHash { get; init; } = "";

    /// <summary>The apiKey itself, encrypted with the key ring (<see cref="Accounts.ApiKeyProtector"/>): shown on sign-in and <c>GET /user</c>.</summary>
    [Id(8)] public string? ProtectedApiKey { get; init; }
    [Id(6)] public UserRecord? Account { get; init; }

    /// <summary>The SHA-256 of each password reset token not yet used, with when it expires.</summary>
    [Id(7)] public ImmutableDictionary<string, DateTimeOffset> ResetTokens { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The account was deleted: its id is never given to a new sign-up (what pointed at the old user must not point at a new one).</summary>
    [Id(9)] public bool Deleted { get; init; }
}
