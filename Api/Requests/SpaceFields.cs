using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>The space attributes a client may write, checked the same way in a create and an update.</summary>
public static class SpaceFields
{
    public static Problem? Name(JsonProperty field, out string? name)
    {
        name = null;
        if (String(field, SpaceLimits.NameMaxLength, out var text) is { } problem)
            return problem;
        if (text.Trim().Length == 0)
            return Problem.BadRequest($"name must be 1-{SpaceLimits.NameMaxLength} characters");
        name = text;
        return null;
    }

    public static Problem? Privacy(JsonProperty field, out string? privacy)
    {
        privacy = null;
        if (String(field, 16, out var text) is not null || !SpacePrivacy.IsValid(text))
            return Problem.BadRequest("privacy must be open, closed or private");
        privacy = text;
        return null;
    }

    public static Problem? ShowInExplore(JsonProperty field, out bool? showInExplore)
    {
        var problem = Boolean(field, out var value);
        showInExplore = problem is null ? value : null;
        return problem;
    }

    /// <summary>The <c>id</c> of a space named in a body (<c>{"id": ...}</c>).</summary>
    public static Problem? Id(JsonElement body, out string id)
    {
        if (NotAnObject(body) is { } notObject)
        {
            id = "";
            return notObject;
        }

        return Required(body, "id", Ids.MaxLength, out id) ?? (Ids.IsValid(id) ? null : Problem.BadRequest("id must be letters, digits, - and _"));
    }
}

/// <summary>Bodies that only name a space: <c>DELETE /space</c>, <c>PATCH /space/restore</c>, <c>DELETE /space/permanent</c>.</summary>
public static class SpaceIdReader
{
    public static Outcome<string> Read(JsonElement body) => SpaceFields.Id(body, out var id) is { } problem ? problem : id;
}

/// <summary><c>PATCH /space</c> is strict like <c>PATCH /user</c>: only name, privacy and showInExplore may change.</summary>
public static class SpacePatchReader
{
    private static readonly HashSet<string> ReadOnly =
        ["url", "userId", "users", "collaborators", "isRemoved", "removedByUserId", "createdAt", "updatedAt", "cards", "connections", "connectionTypes"];

    public static Outcome<SpacePatch> Read(JsonElement body) => Read(body, lenient: false);

    /// <summary><paramref name="lenient"/>: the <c>updateSpace</c> operation ignores attributes it does not change (§8.2).</summary>
    public static Outcome<SpacePatch> Read(JsonElement body, bool lenient)
    {
        if (SpaceFields.Id(body, out var id) is { } badId)
            return badId;

        string? name = null, privacy = null;
        bool? showInExplore = null;
        foreach (var field in body.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "id" => null,
                "name" => SpaceFields.Name(field, out name),
                "privacy" => SpaceFields.Privacy(field, out privacy),
                "showInExplore" => SpaceFields.ShowInExplore(field, out showInExplore),
                _ when lenient => null,
                var other when ReadOnly.Contains(other) => Problem.BadRequest($"{other} can't be updated"),
                var other => Problem.BadRequest($"{other} is not a space attribute"),
            };
            if (problem is not null)
                return problem;
        }

        return new SpacePatch(id, name, privacy, showInExplore);
    }
}
