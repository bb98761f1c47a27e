using System.Text.Json;
using Kinopio.Grains.Interfaces;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>The body of <c>PATCH</c> and <c>DELETE /space/collaborator</c>: <c>{spaceId, userId}</c> (userId optional to join).</summary>
public sealed record CollaboratorBody(string SpaceId, string? UserId);

public static class CollaboratorReader
{
    public static Outcome<CollaboratorBody> ReadJoin(JsonElement body) => Read(body, userIdRequired: false);

    public static Outcome<CollaboratorBody> ReadRemove(JsonElement body) => Read(body, userIdRequired: true);

    private static Outcome<CollaboratorBody> Read(JsonElement body, bool userIdRequired)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (Required(body, "spaceId", Ids.MaxLength, out var spaceId) is { } badSpace)
            return badSpace;
        if (!Ids.IsValid(spaceId))
            return Problem.BadRequest("spaceId must be letters, digits, - and _");
        string? userId = null;
        if (body.TryGetProperty("userId", out var sent) && sent.ValueKind != JsonValueKind.Null || userIdRequired)
        {
            if (Required(body, "userId", Ids.MaxLength, out var id) is { } badUser)
                return badUser;
            if (!Ids.IsValid(id))
                return Problem.BadRequest("userId must be letters, digits, - and _");
            userId = id;
        }
        return new CollaboratorBody(spaceId, userId);
    }
}
