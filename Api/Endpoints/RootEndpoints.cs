using Kinopio.Api.Http;
using Kinopio.Api.Realtime;
using Kinopio.Grains.Interfaces.Health;

namespace Kinopio.Api.Endpoints;

public static class RootEndpoints
{
    public static IEndpointRouteBuilder MapRootApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Root);
        app.MapGet("/health/live", () => Results.Json(new StatusBody(StatusCodes.Status200OK, "live")))
            .WithMetadata(Unmetered.Instance);
        app.MapGet("/health/ready", Ready).WithMetadata(Unmetered.Instance);
        app.MapFallback(() => Respond.Error(StatusCodes.Status404NotFound, "no such route")).ExcludeFromDescription();
        return app;
    }

    /// <summary>The JSON that says the API is online, or, for a WebSocket upgrade, the realtime rooms.</summary>
    private static Task<IResult> Root(HttpRequest request) => request.HttpContext.WebSockets.IsWebSocketRequest
        ? RealtimeEndpoint.Accept(request.HttpContext)
        : Task.FromResult(Results.Json(new StatusBody(StatusCodes.Status200OK, "Kinopio API is online")));

    /// <summary>
    /// Ready when a silo answers (embedded: this process's; cluster: any) and the store below it reads.
    /// 503 names the dependency that failed; storage is not checked when no silo answers.
    /// </summary>
    private static async Task<IResult> Ready(IGrainFactory grains, CancellationToken cancel)
    {
        string cluster, storage;
        try
        {
            var storageFailure = await grains.GetGrain<IHealthGrain>(0).CheckStorage().WaitAsync(TimeSpan.FromSeconds(10), cancel);
            (cluster, storage) = ("ok", storageFailure is null ? "ok" : $"failed: {storageFailure}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            (cluster, storage) = ($"failed: {e.GetType().Name}: {e.Message}", "not checked");
        }

        var (status, message) = (cluster, storage) switch
        {
            ("ok", "ok") => (StatusCodes.Status200OK, "ready"),
            ("ok", _) => (StatusCodes.Status503ServiceUnavailable, "the storage does not answer"),
            _ => (StatusCodes.Status503ServiceUnavailable, "the cluster does not answer yet"),
        };
        var checks = new Dictionary<string, string> { ["cluster"] = cluster, ["storage"] = storage };
        return Results.Json(new ReadinessBody(status, message, checks), statusCode: status);
    }
}
