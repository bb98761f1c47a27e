using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary><c>PATCH /user/favorites</c>: <c>{"type": "user" | "space", "id": "..."}</c>.</summary>
public static class FavoriteToggleReader
{
    public static Outcome<FavoriteToggle> Read(JsonElement body)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (Required(body, "type", 16, out var type) is not null || type is not ("user" or "space"))
            return Problem.BadRequest("type must be user or space");
        if (Required(body, "id", Ids.MaxLength, out var id) is { } badId)
            return badId;
        if (!Ids.IsValid(id))
            return Problem.NotFound($"{type} not found");
        return new FavoriteToggle(type == "user" ? FavoriteKind.User : FavoriteKind.Space, id);
    }
}
