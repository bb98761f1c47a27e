using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Http;

/// <summary>The one place where typed grain results become HTTP answers.</summary>
public static class Respond
{
    public static IResult From<T>(Outcome<T> outcome, int successStatus = StatusCodes.Status200OK) => outcome switch
    {
        { Problem: { } problem } => Problem(problem),
        { Value: Done done } => Results.Json(new StatusBody(successStatus, done.Message), statusCode: successStatus),
        _ => Results.Json(outcome.Value, statusCode: successStatus),
    };

    public static IResult Problem(Problem problem) => new ErrorResult(problem);

    public static IResult Error(int status, string message) => Results.Json(new StatusBody(status, message), statusCode: status);

    public static Task Write(HttpContext http, Problem problem) => new ErrorResult(problem).ExecuteAsync(http);

    public static Task Write(HttpContext http, int status, string message) => Error(status, message).ExecuteAsync(http);

    /// <summary>The status table: the HTTP status of each kind of refusal, and the <c>type</c> a client tells cases apart by.</summary>
    public static (int Status, string? Type) StatusOf(Problem problem) => problem.Kind switch
    {
        ProblemKind.BadRequest => (StatusCodes.Status400BadRequest, null),
        ProblemKind.Unauthorized => (StatusCodes.Status401Unauthorized, null),
        ProblemKind.Forbidden => (StatusCodes.Status403Forbidden, null),
        ProblemKind.NotFound => (StatusCodes.Status404NotFound, null),
        ProblemKind.Conflict => (StatusCodes.Status409Conflict, "unique violation"),
        ProblemKind.Removed => (StatusCodes.Status409Conflict, null),
        ProblemKind.RateLimited => (StatusCodes.Status429TooManyRequests, "rate limited"),
        ProblemKind.LimitReached => (StatusCodes.Status403Forbidden, "limit reached"),
        ProblemKind.Unavailable => (StatusCodes.Status503ServiceUnavailable, null),
        _ => (StatusCodes.Status400BadRequest, null),
    };

    private sealed class ErrorResult(Problem problem) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var (status, type) = StatusOf(problem);
            if (problem.Kind == ProblemKind.RateLimited)
                http.Response.Headers.RetryAfter = problem.RetryAfterSeconds.ToString();
            return Results.Json(new StatusBody(status, problem.Message, type), statusCode: status).ExecuteAsync(http);
        }
    }
}
