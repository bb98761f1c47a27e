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
