using Kinopio.Api.Http;
using Kinopio.Api.Realtime;

namespace Kinopio.Api.Endpoints;

public static class RootEndpoints
{
    public static IEndpointRouteBuilder MapRootApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Root);
        app.MapGet("/health/live", () => Results.Json(new StatusBody(StatusCodes.Status200OK, "live")))
            .WithMetadata(Unmetered.Instance);
        app.MapGet("/health/ready", Ready).WithMetadata(Unmetered.Instance);
        app.MapFallback(() => Respond.Error(StatusCodes.Status404NotFound, "no such route"));
        return app;
    }

    /// <summary>The JSON that says the API is online, or, for a WebSocket upgrade, the realtime rooms.</summary>
    private static Task<IResult> Root(HttpRequest request) => request.HttpContext.WebSockets.IsWebSocketRequest
        ? RealtimeEndpoint.Accept(request.HttpContext)
        : Task.FromResult(Results.Json(new StatusBody(StatusCodes.Status200OK, "Kinopio API is online")));

    /// <summary>Ready when a grain answers: the silo (embedded) or the cluster (client) is reachable.</summary>
    private static async Task<IResult> Ready(IGrainFactory grains, CancellationToken cancel)
    {
        try
        {
            await grains.GetGrain<Grains.Interfaces.Accounts.IApiKeyGrain>("health-probe").GetUserId().WaitAsync(TimeSpan.FromSeconds(5), cancel);
            return Results.Json(new StatusBody(StatusCodes.Status200OK, "ready"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            return Respond.Error(StatusCodes.Status503ServiceUnavailable, "the cluster does not answer yet");
        }
    }
}
