using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Explore;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Spaces;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §5.3 and §10's discovery routes. Every route of a signed-in caller goes through its
/// UserGrain, which asks the SpaceGrain; the explore list is served by a silo's <see cref="INewSpacesGrain"/>.
/// </summary>
public static class SpaceEndpoints
{
    public static IEndpointRouteBuilder MapSpaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/space/{spaceId}", ViewSpace).WithMetadata(AcceptsApiKey.Optional);
        app.MapGet("/space/by-url/{spaceUrl}", ViewSpaceByUrl).WithMetadata(AcceptsApiKey.Optional);
        app.MapGet("/space/new-spaces", async (IGrainFactory grains) => Results.Json(await grains.GetGrain<INewSpacesGrain>(0).List()));

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
    private static async Task<IResult> ViewSpace(string spaceId, HttpRequest request, Caller? caller, IGrainFactory grains)
    {
        var view = caller is null ? null : await caller.Call((user, key) => user.ViewSpace(key, spaceId));
        if (view is null || view.Problem == Problem.InvalidApiKey)
            view = Ids.IsValid(spaceId)
                ? await grains.GetGrain<ISpaceGrain>(spaceId).ViewFull(new SpaceAccess(null, ApiKeyResolver.SpaceKeyOf(request)))
                : SpaceRights.NotFound;
        return Respond.From(view);
    }

    /// <summary>
    /// There is no index of urls: each id the url may end with is asked whether the url is its
    /// space's, and the first that says yes is viewed as <c>GET /space/:id</c> views it. When none
    /// does, a signed-in caller's token is still taken, as a view would have.
    /// </summary>
    private static async Task<IResult> ViewSpaceByUrl(string spaceUrl, HttpRequest request, Caller? caller, IGrainFactory grains)
    {
        var ids = SpaceSummary.IdsIn(spaceUrl).ToList();
        var matches = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISpaceGrain>(id).HasUrl(spaceUrl)));
        if (ids.Where((_, i) => matches[i]).FirstOrDefault() is { } spaceId)
            return await ViewSpace(spaceId, request, caller, grains);
        if (caller is not null && await caller.Grain.Admit(caller.Credential) is { } refused && !caller.WasRefused(refused))
            return Respond.Problem(refused);
        return Respond.Problem(SpaceRights.NotFound);
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
