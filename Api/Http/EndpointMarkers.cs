namespace Kinopio.Api.Http;

/// <summary>
/// Endpoint metadata: the route needs a valid apiKey, and its grain call takes the caller's
/// rate-limit token itself (so the gate takes none).
/// </summary>
public sealed class RequiresApiKey
{
    public static readonly RequiresApiKey Instance = new();
}

/// <summary>Endpoint metadata: not rate limited (health probes).</summary>
public sealed class Unmetered
{
    public static readonly Unmetered Instance = new();
}
