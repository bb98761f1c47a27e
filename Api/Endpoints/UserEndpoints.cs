using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

/// <summary>Contract §4.2: the user routes.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/user/public/{userId}", GetPublicUser);
        app.MapGet("/user/current-public-spaces", async (IGrainFactory grains) =>
            Results.Json(await grains.GetGrain<ICurrentPublicSpacesGrain>(0).List()));

        var own = app.MapGroup("/user").WithMetadata(AcceptsApiKey.Required);
        own.MapGet("", (Caller caller) => caller.Send((user, key) => user.GetUser(key)));
        own.MapPatch("", (Caller caller, Parsed<UserPatch> patch) => caller.Send((user, key) => user.UpdateUser(key, patch.Value)))
            .Reads(UserPatchReader.Read);
        own.MapDelete("/permanent", (Caller caller) => caller.Send((user, key) => user.DeleteUser(key)));
        own.MapGet("/spaces", (Caller caller) => caller.Send((user, key) => user.GetSpaces(key)));
        own.MapGet("/removed-spaces", (Caller caller) => caller.Send((user, key) => user.GetRemovedSpaces(key)));
        own.MapGet("/favorites", (Caller caller) => caller.Send((user, key) => user.GetFavorites(key)));
        own.MapPatch("/favorites", (Caller caller, Parsed<FavoriteToggle> toggle) => caller.Send((user, key) => user.ToggleFavorite(key, toggle.Value)))
            .Reads(FavoriteToggleReader.Read);
        return app;
    }

    private static async Task<IResult> GetPublicUser(string userId, IGrainFactory grains)
    {
        var profile = Ids.IsValid(userId) ? await grains.GetGrain<IUserGrain>(userId).GetPublicProfile() : null;
        return profile is null ? Respond.Problem(Problem.NotFound("user not found")) : Results.Json(profile);
    }
}
