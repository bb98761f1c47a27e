namespace Kinopio.Grains.Telemetry;

/// <summary>Which limit answered a 429: the <c>reason</c> label of <c>kinopio.rate_limited</c>.</summary>
public sealed class RateLimitReason
{
    /// <summary>The user's token bucket (UserGrain).</summary>
    public static readonly RateLimitReason User = new("user");

    /// <summary>The client address's token bucket, for requests without a valid key (ClientGrain).</summary>
    public static readonly RateLimitReason Address = new("address");

    /// <summary>Failed sign-ins of one email (EmailGrain).</summary>
    public static readonly RateLimitReason SignIn = new("sign-in");

    /// <summary>Password reset requests of one email (EmailGrain).</summary>
    public static readonly RateLimitReason PasswordReset = new("password-reset");

    private RateLimitReason(string label) => Label = label;

    public string Label { get; }
}
