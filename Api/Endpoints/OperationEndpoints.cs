using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Operations;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §8: the 2020 web client's write path. Both routes cost one token, take bodies up to
/// <c>Limits:MaxBatchBytes</c>, and answer 2xx to every well-formed batch (the client re-sends a
/// batch on any other status, forever).
/// </summary>
public static class OperationEndpoints
{
    public static IEndpointRouteBuilder MapOperationApi(this IEndpointRouteBuilder app)
    {
        var batchBytes = app.ServiceProvider.GetRequiredService<IOptions<LimitOptions>>().Value.MaxBatchBytes;
        app.MapPost("/operations", Apply).WithMetadata(AcceptsApiKey.Required).Reads(OperationsReader.Read, batchBytes);
        app.MapPost("/space/multiple", Upload).WithMetadata(AcceptsApiKey.Required).Reads(SpaceUploadsReader.Read, batchBytes);
        return app;
    }

    /// <summary>200 once every applied operation is durable: what was applied, and what was refused with the status its route would answer.</summary>
    private static async Task<IResult> Apply(Caller caller, Parsed<OperationBatch> batch, KinopioMetrics metrics)
    {
        var outcome = await caller.Call((user, key) => user.ApplyOperations(key, batch.Value.Operations));
        if (outcome.Problem is { } problem)
            return Respond.Problem(problem);

        var results = outcome.Value!.Concat(batch.Value.Answered).OrderBy(result => result.Index).ToList();
        foreach (var result in results)
            metrics.Operation(OperationsReader.Knows(result.Name) ? result.Name : "unknown", applied: result.Problem is null);
        return Results.Json(new OperationsAnswer(
            results.Where(result => result.Problem is null).Select(result => new AppliedOperation(result.Index, result.Name, result.Id)).ToList(),
            results.Where(result => result.Problem is not null).Select(result => new RefusedOperation(
                result.Index, result.Name, result.Id, Respond.StatusOf(result.Problem!).Status, result.Problem!.Message)).ToList()));
    }

    /// <summary>201 with the spaces written, as <c>GET /space/:id</c> shows them; a space that cannot be taken is left out.</summary>
    private static async Task<IResult> Upload(Caller caller, Parsed<IReadOnlyList<SpaceUpload>> spaces)
    {
        var outcome = await caller.Call((user, key) => user.UploadSpaces(key, spaces.Value));
        return Respond.From(outcome, StatusCodes.Status201Created);
    }
}

/// <summary>The answer of <c>POST /operations</c>.</summary>
public sealed record OperationsAnswer(IReadOnlyList<AppliedOperation> Operations, IReadOnlyList<RefusedOperation> Errors);

public sealed record AppliedOperation(int Index, string Name, string? Id);

public sealed record RefusedOperation(int Index, string Name, string? Id, int Status, string Message);
