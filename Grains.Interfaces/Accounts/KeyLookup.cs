namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>
/// What <see cref="IClientGrain.LookUp"/> found: the user an apiKey belongs to (null: nobody's), or the
/// address's refusal when its bucket had no token for the lookup.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.KeyLookup")]
public sealed record KeyLookup([property: Id(0)] string? UserId, [property: Id(1)] Problem? Refused);
