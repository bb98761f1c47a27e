using System.Text.Json.Serialization;

namespace Kinopio.Grains.Interfaces.Users;

/// <summary>Every attribute of a user, as only the user itself sees it (contract §4.1).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.PrivateUser")]
public record PrivateUser
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public bool EmailIsVerified { get; init; }
    /// <summary>Shown by sign-up, sign-in and <c>GET /user</c> only (contract §4.1); null (left out) elsewhere.</summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ApiKey { get; init; }
    [Id(5)] public string Color { get; init; } = "";
    [Id(6)] public string Description { get; init; } = "";
    [Id(7)] public string Website { get; init; } = "";
    [Id(8)] public string? LastSpaceId { get; init; }
    [Id(9)] public string? LastReadNewStuffId { get; init; }
    [Id(10)] public string? DefaultConnectionTypeId { get; init; }
    [Id(11)] public string? CurrentPublicSpaceId { get; init; }
    [Id(12)] public int CardsCreatedCount { get; init; }
    [Id(13)] public bool IsUpgraded { get; init; }
    [Id(14)] public DateTimeOffset CreatedAt { get; init; }
    [Id(15)] public DateTimeOffset UpdatedAt { get; init; }
}
