using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>A user's account as stored. What a request is shown (<see cref="PrivateUser"/>, <see cref="PublicUser"/>) is built from it.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserRecord")]
public sealed record UserRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public bool EmailIsVerified { get; init; }
    /// <summary>
    /// Where the apiKey was stored in plaintext before it was encrypted (<see cref="UserState.ProtectedApiKey"/>):
    /// a record written then still has it, until its grain's activation encrypts it and clears this.
    /// </summary>
    [Id(4)] public string? PlaintextApiKey { get; init; }
    [Id(5)] public string Color { get; init; } = "";
    [Id(6)] public string Description { get; init; } = "";
    [Id(7)] public string Website { get; init; } = "";
    [Id(8)] public string? LastSpaceId { get; init; }
    [Id(9)] public string? LastReadNewStuffId { get; init; }
    [Id(10)] public string? DefaultConnectionTypeId { get; init; }
    [Id(11)] public int CardsCreatedCount { get; init; }
    [Id(12)] public bool IsUpgraded { get; init; }
    [Id(13)] public DateTimeOffset CreatedAt { get; init; }
    [Id(14)] public DateTimeOffset UpdatedAt { get; init; }

    public PublicUser ToPublic() => new()
    {
        Id = Id,
        Name = Name,
        Color = Color,
        Description = Description,
        Website = Website,
        CreatedAt = CreatedAt,
    };

    /// <summary>
    /// The private user (contract §4.1), with <paramref name="apiKey"/> where it is shown: sign-up,
    /// sign-in and <c>GET /user</c> (see <see cref="UserGrain"/>.<c>Shown</c>).
    /// </summary>
    public PrivateUser ToPrivate(string? currentPublicSpaceId, string? apiKey) => new()
    {
        Id = Id,
        Name = Name,
        Email = Email,
        EmailIsVerified = EmailIsVerified,
        ApiKey = apiKey,
        Color = Color,
        Description = Description,
        Website = Website,
        LastSpaceId = LastSpaceId,
        LastReadNewStuffId = LastReadNewStuffId,
        DefaultConnectionTypeId = DefaultConnectionTypeId,
        CurrentPublicSpaceId = currentPublicSpaceId,
        CardsCreatedCount = CardsCreatedCount,
        IsUpgraded = IsUpgraded,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
