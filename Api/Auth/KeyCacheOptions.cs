namespace Kinopio.Api.Auth;

/// <summary>Configuration section <c>Kinopio:KeyCache</c>: how many apiKeys each front end remembers.</summary>
public sealed class KeyCacheOptions
{
    public const string Section = "Kinopio:KeyCache";

    /// <summary>Keys of users, for 5 minutes each.</summary>
    public int KnownKeys { get; set; } = 100_000;

    /// <summary>Keys that belong to nobody, for 30 seconds each, apart from the known ones so a flood of them evicts no user's key.</summary>
    public int UnknownKeys { get; set; } = 10_000;
}
