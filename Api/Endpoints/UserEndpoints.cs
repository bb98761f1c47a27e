using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/user/public/{userId}", GetPublicUser);

        var own = app.MapGroup("/user").WithMetadata(RequiresApiKey.Instance);
        own.MapGet("", (Caller caller) => caller.Send((user, key) => user.GetUser(key)));
        own.MapPatch("", (Caller caller, HttpRequest request) =>
            caller.Send(request, UserPatchReader.Read, (user, key, patch) => user.UpdateUser(key, patch)));
        own.MapDelete("/permanent", (Caller caller) => caller.Send((user, key) => user.DeleteUser(key)));
        return app;
    }

    private static async Task<IResult> GetPublicUser(string userId, IGrainFactory grains)
    {
        var user = Ids.IsValid(userId) ? await grains.GetGrain<IUserGrain>(userId).GetPublicUser() : null;
        return user is null
            ? Respond.Problem(Problem.NotFound("user not found"))
            : Results.Json(new { user.Id, user.Name, user.Color, user.Description, user.Website, user.CreatedAt, Spaces = Array.Empty<object>() });
    }
}
