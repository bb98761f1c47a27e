namespace Kinopio.Grains.Accounts;

/// <summary>Configuration section <c>Kinopio:PasswordHashing</c>: how many password hashes run at once on a silo, and how many may wait.</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Kinopio:PasswordHashing";

    /// <summary>Hashes computed at once: one per core, so hashing never starves the rest of the silo.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Hashes that may wait for a turn; past that a sign-in, sign-up or password change answers 503 at once.</summary>
    public int Queue { get; set; } = 4 * Environment.ProcessorCount;
}
