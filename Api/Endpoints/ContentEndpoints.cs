using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Spaces;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §7.3: cards, connections and connection types. Writes go through the caller's
/// UserGrain (its token, its <c>cardsCreatedCount</c>) to the space's grain, which decides what the
/// caller may change; reads are admitted by the pipeline and ask the space's grain directly.
/// </summary>
public static class ContentEndpoints
{
    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        var batchBytes = app.ServiceProvider.GetRequiredService<IOptions<LimitOptions>>().Value.MaxBatchBytes;

        MapItemRoutes(app, "/card", ItemKind.Card, batchBytes);
        MapItemRoutes(app, "/connection", ItemKind.Connection, batchBytes);
        MapItemRoutes(app, "/connection-type", ItemKind.ConnectionType, batchBytes);

        var cards = app.MapGroup("/card").WithMetadata(AcceptsApiKey.Required);
        cards.MapPatch("/restore", Writer(StatusCodes.Status200OK)).Reads(ItemBatchReader.For(ItemKind.Card, EditAction.Restore));
        cards.MapDelete("/permanent", Writer(StatusCodes.Status200OK, deleted: "card deleted")).Reads(ItemBatchReader.For(ItemKind.Card, EditAction.Delete));

        app.MapGet("/space/{spaceId}/removed-cards", RemovedCards);
        app.MapGet("/space/{spaceId}/removedCards", RemovedCards);
        return app;
    }

    private static void MapItemRoutes(IEndpointRouteBuilder app, string path, ItemKind kind, long batchBytes)
    {
        app.MapGet($"{path}/{{id}}", (string id, HttpRequest request, Caller? caller, IGrainFactory grains) => GetItem(kind, id, request, caller, grains));

        var items = app.MapGroup(path).WithMetadata(AcceptsApiKey.Required);
        items.MapPost("", Writer(StatusCodes.Status201Created)).Reads(ItemBatchReader.For(kind, EditAction.Create));
        items.MapPatch("", Writer(StatusCodes.Status200OK)).Reads(ItemBatchReader.For(kind, EditAction.Update));
        items.MapPatch("/multiple", Writer(StatusCodes.Status200OK)).Reads(ItemBatchReader.For(kind, EditAction.Update, multiple: true), batchBytes);
        items.MapDelete("", kind == ItemKind.Card
                ? Writer(StatusCodes.Status200OK)
                : Writer(StatusCodes.Status200OK, deleted: $"{(kind == ItemKind.Connection ? "connection" : "connection type")} deleted"))
            .Reads(ItemBatchReader.For(kind, kind == ItemKind.Card ? EditAction.Remove : EditAction.Delete));
    }

    /// <summary>
    /// A write route: the edits in one call; one refused item refuses all (named by its index in an
    /// array); one item in, one out; an array in, an array out; a permanent deletion answers a sentence.
    /// </summary>
    private static Func<Caller, Parsed<ItemBatch>, Task<IResult>> Writer(int successStatus, string? deleted = null) => async (caller, parsed) =>
    {
        var batch = parsed.Value;
        var outcome = await caller.Call((user, key) => user.EditContent(key, batch.SpaceId, batch.Edits));
        if (outcome.Problem is { } problem)
            return Respond.Problem(problem);

        var results = outcome.Value!.Results;
        if (results.Index().FirstOrDefault(result => result.Item.Problem is not null) is ({ } index, { Problem: { } refused }))
            return Respond.Problem(batch.IsArray ? refused with { Message = $"[{index}].{refused.Message}" } : refused);
        if (deleted is not null)
            return Respond.Error(successStatus, deleted);

        var items = results.Select(result => result.Item!).ToList();
        return batch.IsArray ? Results.Json(items, statusCode: successStatus) : Results.Json(items[0], statusCode: successStatus);
    };

    private static async Task<IResult> GetItem(ItemKind kind, string id, HttpRequest request, Caller? caller, IGrainFactory grains)
    {
        if (SpaceIdOf(request) is not { } spaceId)
            return Respond.Problem(Problem.BadRequest("spaceId is required: ?spaceId=<the item's space>"));
        if (!Ids.IsValid(id))
            return Respond.Problem(Problem.NotFound($"{ContentKeys.Name(kind)} not found"));
        return Respond.From(await grains.GetGrain<ISpaceGrain>(spaceId).GetItem(ApiKeyResolver.AccessOf(request, caller), kind, id));
    }

    private static async Task<IResult> RemovedCards(string spaceId, HttpRequest request, Caller? caller, IGrainFactory grains) => Ids.IsValid(spaceId)
        ? Respond.From(await grains.GetGrain<ISpaceGrain>(spaceId).GetRemovedCards(ApiKeyResolver.AccessOf(request, caller)))
        : Respond.Problem(Problem.NotFound("space not found"));

    private static string? SpaceIdOf(HttpRequest request) =>
        request.Query["spaceId"].ToString() is var spaceId && Ids.IsValid(spaceId) ? spaceId : null;
}
