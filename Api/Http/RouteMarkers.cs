namespace Kinopio.Api.Http;

/// <summary>
/// Endpoint metadata: the route takes an apiKey (required, or optional as for viewing a space).
/// With a valid key the route's grain call takes the caller's rate-limit token itself, so the
/// gate takes none; without one the gate admits the request by client address (or answers 401).
/// </summary>
public sealed class AcceptsApiKey
{
    public static readonly AcceptsApiKey Required = new(true);
    public static readonly AcceptsApiKey Optional = new(false);

    private AcceptsApiKey(bool isRequired) => IsRequired = isRequired;

    public bool IsRequired { get; }
}

/// <summary>Endpoint metadata: not rate limited (health probes).</summary>
public sealed class Unmetered
{
    public static readonly Unmetered Instance = new();
}

/// <summary>
/// Endpoint metadata: the route is admitted by the client address whatever key the request carries,
/// and the key is not even looked up (sign-up and sign-in: each costs a password hash, so a valid
/// key must not lift the address's limit).
/// </summary>
public sealed class ChargesClientAddress
{
    public static readonly ChargesClientAddress Instance = new();
}
