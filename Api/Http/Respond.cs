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

    /// <summary>A success shown in another shape than the grain's result (e.g. one object with attributes of two).</summary>
    public static IResult From<T>(Outcome<T> outcome, Func<T, object> shape) =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Json(shape(outcome.Value!));

    public static IResult Problem(Problem problem) => new ErrorResult(problem);

    public static IResult Error(int status, string message) => Results.Json(new StatusBody(status, message), statusCode: status);

    public static Task Write(HttpContext http, Problem problem) => new ErrorResult(problem).ExecuteAsync(http);

    public static Task Write(HttpContext http, int status, string message) => Error(status, message).ExecuteAsync(http);

    private sealed class ErrorResult(Problem problem) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var (status, type) = problem.Kind switch
            {
                ProblemKind.BadRequest => (StatusCodes.Status400BadRequest, null),
                ProblemKind.Unauthorized => (StatusCodes.Status401Unauthorized, null),
                ProblemKind.Forbidden => (StatusCodes.Status403Forbidden, null),
                ProblemKind.NotFound => (StatusCodes.Status404NotFound, null),
                ProblemKind.Conflict => (StatusCodes.Status409Conflict, "unique violation"),
                ProblemKind.RateLimited => (StatusCodes.Status429TooManyRequests, "rate limited"),
                _ => (StatusCodes.Status400BadRequest, (string?)null),
            };
            if (problem.Kind == ProblemKind.RateLimited)
                http.Response.Headers.RetryAfter = problem.RetryAfterSeconds.ToString();
            return Results.Json(new StatusBody(status, problem.Message, type), statusCode: status).ExecuteAsync(http);
        }
    }
}
