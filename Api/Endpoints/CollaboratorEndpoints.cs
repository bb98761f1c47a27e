using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §9.3: invites. The owner (or any member) reads the space's key; a friend who opens the
/// invite link sends it in <c>Space-Authorization</c> and becomes a collaborator; the owner removes
/// anyone (the key rotates), a collaborator leaves. The space's grain decides each of these.
/// </summary>
public static class CollaboratorEndpoints
{
    public static IEndpointRouteBuilder MapCollaboratorApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/space").WithMetadata(AcceptsApiKey.Required);
        members.MapGet("/{spaceId}/collaborator-key", (Caller caller, string spaceId) =>
            caller.Send((user, key) => user.GetCollaboratorKey(key, spaceId)));
        members.MapPatch("/collaborator", Join).Reads(CollaboratorReader.ReadJoin);
        members.MapDelete("/collaborator", (Caller caller, Parsed<CollaboratorBody> body) =>
            caller.Send((user, key) => user.RemoveCollaborator(key, body.Value.SpaceId, body.Value.UserId!))).Reads(CollaboratorReader.ReadRemove);
        return app;
    }

    /// <summary>The caller joins; a <c>userId</c> that is not the caller's is refused (403) before the key is tried.</summary>
    private static async Task<IResult> Join(Caller caller, Parsed<CollaboratorBody> body)
    {
        if (body.Value.UserId is { } userId && userId != caller.UserId)
        {
            var refused = await caller.Grain.Admit(caller.Credential);
            caller.WasRefused(refused);
            return Respond.Problem(refused ?? Problem.Forbidden("userId must be yours: a user joins a space only for itself"));
        }
        return await caller.Send((user, key) => user.JoinSpace(key, body.Value.SpaceId));
    }
}
