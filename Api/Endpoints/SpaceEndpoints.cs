using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Api.Endpoints;

/// <summary>Contract §5.3. Every route goes through the caller's UserGrain, which asks the SpaceGrain.</summary>
public static class SpaceEndpoints
{
    public static IEndpointRouteBuilder MapSpaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/space/{spaceId}", ViewSpace).WithMetadata(AcceptsApiKey.Optional);

        var spaces = app.MapGroup("/space").WithMetadata(AcceptsApiKey.Required);
        spaces.MapPost("", CreateSpaces);
        spaces.MapPatch("", (Caller caller, HttpRequest request) =>
            caller.Send(request, SpacePatchReader.Read, (user, key, patch) => user.UpdateSpace(key, patch)));
        spaces.MapDelete("", (Caller caller, HttpRequest request) =>
            caller.Send(request, SpaceIdReader.Read, (user, key, id) => user.RemoveSpace(key, id)));
        spaces.MapPatch("/restore", (Caller caller, HttpRequest request) =>
            caller.Send(request, SpaceIdReader.Read, (user, key, id) => user.RestoreSpace(key, id)));
        spaces.MapPatch("/restore/{spaceId}", (Caller caller, string spaceId) =>
            caller.Send((user, key) => user.RestoreSpace(key, spaceId)));
        spaces.MapDelete("/permanent", (Caller caller, HttpRequest request) =>
            caller.Send(request, SpaceIdReader.Read, (user, key, id) => user.DeleteSpace(key, id)));
        return app;
    }

    /// <summary>
    /// A signed-in viewer asks through its own grain (one token, and private spaces of its own);
    /// anyone else, or a key the grain refuses (a deleted user's), asks the space as anonymous.
    /// </summary>
    private static async Task<IResult> ViewSpace(string spaceId, Caller? caller, IGrainFactory grains)
    {
        var view = caller is null ? null : await caller.Call((user, key) => user.ViewSpace(key, spaceId));
        if (view is null || view.Problem == Problem.InvalidApiKey)
            view = Ids.IsValid(spaceId) ? await grains.GetGrain<ISpaceGrain>(spaceId).View(viewerId: null) : Problem.NotFound("space not found");
        return Respond.From(view, FullSpace.Of);
    }

    /// <summary>One space in, one space out; an array in, an array out.</summary>
    private static async Task<IResult> CreateSpaces(Caller caller, HttpRequest request)
    {
        var (body, error) = await caller.ReadBody(request, NewSpacesReader.Read);
        if (error is not null)
            return error;

        var created = await caller.Call((user, key) => user.CreateSpaces(key, body!.Spaces));
        if (created.Problem is { } problem)
            return Respond.Problem(problem);
        return Results.Json(body!.IsArray ? created.Value : created.Value![0], KinopioJson.Options, statusCode: StatusCodes.Status201Created);
    }
}

/// <summary><c>GET /space/:id</c>: the space with its (for now empty) cards, connections and connection types.</summary>
public static class FullSpace
{
    public static object Of(SpaceSummary space) => KinopioJson.Flatten(space,
        ("cards", Array.Empty<object>()),
        ("connections", Array.Empty<object>()),
        ("connectionTypes", Array.Empty<object>()));
}
