using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/user/public/{userId}", GetPublicUser);
        app.MapGet("/user/current-public-spaces", async (IGrainFactory grains) =>
            Results.Json((await grains.GetGrain<ICurrentPublicSpacesGrain>(0).List()).Select(present =>
                KinopioJson.Flatten(present.User, ("currentPublicSpace", present.CurrentPublicSpace)))));

        var own = app.MapGroup("/user").WithMetadata(AcceptsApiKey.Required);
        own.MapGet("", (Caller caller) => caller.Send((user, key) => user.GetUser(key)));
        own.MapPatch("", (Caller caller, HttpRequest request) =>
            caller.Send(request, UserPatchReader.Read, (user, key, patch) => user.UpdateUser(key, patch)));
        own.MapDelete("/permanent", (Caller caller) => caller.Send((user, key) => user.DeleteUser(key)));
        own.MapGet("/spaces", (Caller caller) => caller.Send((user, key) => user.GetSpaces(key)));
        own.MapGet("/removed-spaces", (Caller caller) => caller.Send((user, key) => user.GetRemovedSpaces(key)));
        own.MapGet("/favorites", async (Caller caller) =>
            Respond.From(await caller.Call((user, key) => user.GetFavorites(key)), shown => KinopioJson.Flatten(shown.User,
                ("favoriteUsers", shown.Favorites.FavoriteUsers),
                ("favoriteSpaces", shown.Favorites.FavoriteSpaces))));
        own.MapPatch("/favorites", (Caller caller, HttpRequest request) =>
            caller.Send(request, FavoriteToggleReader.Read, (user, key, toggle) => user.ToggleFavorite(key, toggle)));
        return app;
    }

    private static async Task<IResult> GetPublicUser(string userId, IGrainFactory grains)
    {
        var profile = Ids.IsValid(userId) ? await grains.GetGrain<IUserGrain>(userId).GetPublicProfile() : null;
        return profile is null
            ? Respond.Problem(Problem.NotFound("user not found"))
            : Results.Json(KinopioJson.Flatten(profile.User, ("spaces", profile.Spaces)));
    }
}
