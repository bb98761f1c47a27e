namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>What is counted per email, known or not (contract §3 and §10).</summary>
[GenerateSerializer, Alias("Kinopio.EmailLimit")]
public enum EmailLimit
{
    /// <summary>Failed sign-ins: 10 per 15 minutes by default.</summary>
    SignInFailure,

    /// <summary>Password reset requests: 3 per hour by default.</summary>
    PasswordReset,
}

/// <summary>
/// The counts of <see cref="EmailLimit"/> of the emails of one shard (<see cref="ShardOf"/>), in memory.
/// One activation per shard, not per email: an email somebody only made up costs an entry of a few
/// hundred bytes for the window's length, not an activation of its own.
/// </summary>
[Alias("Kinopio.IEmailLimitGrain")]
public interface IEmailLimitGrain : IGrainWithStringKey
{
    /// <summary>The 429 while the email's window of <paramref name="limit"/> is full, else null. Counts nothing.</summary>
    [Alias("Refusal")]
    Task<Problem?> Refusal(EmailLimit limit, string email);

    /// <summary>Counts one event of <paramref name="limit"/> for the email.</summary>
    [Alias("Count")]
    Task Count(EmailLimit limit, string email);

    /// <summary>The 429 while the window is full; otherwise counts one event and answers null.</summary>
    [Alias("Admit")]
    Task<Problem?> Admit(EmailLimit limit, string email);

    /// <summary>The shard of an email (already normalized by the email index): 256 shards by the first byte of its SHA-256.</summary>
    static string ShardOf(string email) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)).AsSpan(0, 1));
}
