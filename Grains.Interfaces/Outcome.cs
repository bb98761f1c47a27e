namespace Kinopio.Grains.Interfaces;

/// <summary>Why a request was refused. The Api maps each kind to one HTTP status.</summary>
public enum ProblemKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    /// <summary>The item was removed: it is restored or deleted, never written over (409).</summary>
    Removed,
    /// <summary>The server could not do it now (storage or a silo failed); nothing of it was applied: try again (503).</summary>
    Unavailable,
    /// <summary>A limit of contract §11 would be passed: 403 with <c>"type": "limit reached"</c>.</summary>
    LimitReached,
}

/// <summary>A refusal with a message that names the field or object at fault.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Problem")]
public sealed record Problem(
    [property: Id(0)] ProblemKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] int RetryAfterSeconds = 0)
{
    public static Problem BadRequest(string message) => new(ProblemKind.BadRequest, message);
    public static Problem Unauthorized(string message) => new(ProblemKind.Unauthorized, message);
    public static Problem Forbidden(string message) => new(ProblemKind.Forbidden, message);
    public static Problem NotFound(string message) => new(ProblemKind.NotFound, message);
    /// <summary>A unique value (id, email, name) already belongs to someone else.</summary>
    public static Problem Taken(string message) => new(ProblemKind.Conflict, message);
    public static Problem RateLimited(int retryAfterSeconds) =>
        new(ProblemKind.RateLimited, "Too many requests, wait before trying again", retryAfterSeconds);

    /// <summary>Rate limited for <paramref name="left"/>, told in whole seconds, at least 1.</summary>
    public static Problem RateLimited(TimeSpan left) => RateLimited(Math.Max(1, (int)Math.Ceiling(left.TotalSeconds)));

    public static Problem Unavailable(string message) => new(ProblemKind.Unavailable, message);
    public static Problem Removed(string message) => new(ProblemKind.Removed, message);
    public static Problem LimitReached(string message) => new(ProblemKind.LimitReached, message);

    public static readonly Problem InvalidApiKey = Unauthorized("A valid apiKey is required");

    /// <summary>A password reset token that is unknown, used or expired (or neither an apiKey nor a token was sent).</summary>
    public static readonly Problem InvalidResetToken = Unauthorized("A valid apiKey or password reset token is required");
}

/// <summary>The typed answer of a grain call: a value, or the problem that stopped it.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Problem? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
}

/// <summary>A completed action that has nothing to return but a sentence.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Done")]
public sealed record Done([property: Id(0)] string Message);
