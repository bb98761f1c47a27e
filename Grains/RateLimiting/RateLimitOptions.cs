namespace Kinopio.Grains.RateLimiting;

/// <summary>Configuration section <c>RateLimit</c> (contract §3).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Bucket size and refill rate per second.</summary>
    public double PermitsPerSecond { get; set; } = 5;

    /// <summary>How long a client that emptied its bucket is refused.</summary>
    public int BlockSeconds { get; set; } = 30;

    /// <summary>Failed sign-ins allowed per email within <see cref="SignInWindowMinutes"/>.</summary>
    public int SignInFailuresPerEmail { get; set; } = 10;

    public int SignInWindowMinutes { get; set; } = 15;

    /// <summary>Password reset requests allowed per email (known or not) within <see cref="ResetWindowMinutes"/>.</summary>
    public int ResetRequestsPerEmail { get; set; } = 3;

    public int ResetWindowMinutes { get; set; } = 60;
}
