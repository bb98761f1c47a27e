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
        spaces.MapPost("", CreateSpaces).Reads(NewSpacesReader.Read);
        spaces.MapPatch("", (Caller caller, Parsed<SpacePatch> patch) => caller.Send((user, key) => user.UpdateSpace(key, patch.Value)))
            .Reads(SpacePatchReader.Read);
        spaces.MapDelete("", (Caller caller, Parsed<string> id) => caller.Send((user, key) => user.RemoveSpace(key, id.Value)))
            .Reads(SpaceIdReader.Read);
        spaces.MapPatch("/restore", (Caller caller, Parsed<string> id) => caller.Send((user, key) => user.RestoreSpace(key, id.Value)))
            .Reads(SpaceIdReader.Read);
        spaces.MapPatch("/restore/{spaceId}", (Caller caller, string spaceId) =>
            caller.Send((user, key) => user.RestoreSpace(key, spaceId)));
        spaces.MapDelete("/permanent", (Caller caller, Parsed<string> id) => caller.Send((user, key) => user.DeleteSpace(key, id.Value)))
            .Reads(SpaceIdReader.Read);
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
            view = Ids.IsValid(spaceId) ? await grains.GetGrain<ISpaceGrain>(spaceId).ViewFull(SpaceAccess.Anonymous) : Problem.NotFound("space not found");
        return Respond.From(view);
    }

    /// <summary>One space in, one space out; an array in, an array out.</summary>
    private static async Task<IResult> CreateSpaces(Caller caller, Parsed<NewSpaces> body)
    {
        var created = await caller.Call((user, key) => user.CreateSpaces(key, body.Value.Spaces));
        if (created.Problem is { } problem)
            return Respond.Problem(problem);
        return body.Value.IsArray
            ? Results.Json(created.Value, statusCode: StatusCodes.Status201Created)
            : Results.Json(created.Value![0], statusCode: StatusCodes.Status201Created);
    }
}
