using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>
/// <c>PATCH /user</c> is strict: every attribute must be updatable and well-formed, else the whole
/// request is refused with a 400 naming the first wrong attribute, and nothing changes.
/// </summary>
public static class UserPatchReader
{
    private static readonly HashSet<string> ReadOnly =
    [
        "id", "email", "emailIsVerified", "apiKey", "password", "currentPublicSpaceId",
        "cardsCreatedCount", "isUpgraded", "createdAt", "updatedAt",
    ];

    public static Outcome<UserPatch> Read(JsonElement body) => Read(body, lenient: false);

    /// <summary>
    /// <paramref name="lenient"/>: the <c>updateUser</c> operation (§8.2) ignores unknown and read-only
    /// attributes (the client sends e.g. <c>emailIsVerified</c>, never trusted) instead of refusing them.
    /// </summary>
    public static Outcome<UserPatch> Read(JsonElement body, bool lenient)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;

        var patch = new UserPatch();
        foreach (var field in body.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "name" => Name(field, ref patch),
                "color" => String(field, UserLimits.ColorMaxLength, out var color) ?? Set(ref patch, patch with { Color = color }),
                "description" => String(field, UserLimits.DescriptionMaxLength, out var text) ?? Set(ref patch, patch with { Description = text }),
                "website" => String(field, UserLimits.WebsiteMaxLength, out var website) ?? Set(ref patch, patch with { Website = website }),
                "lastSpaceId" => StringOrNull(field, Ids.MaxLength, out var space) ?? Set(ref patch, patch with { LastSpaceId = new(space) }),
                "lastReadNewStuffId" => StringOrNull(field, Ids.MaxLength, out var stuff) ?? Set(ref patch, patch with { LastReadNewStuffId = new(stuff) }),
                "defaultConnectionTypeId" => StringOrNull(field, Ids.MaxLength, out var type) ?? Set(ref patch, patch with { DefaultConnectionTypeId = new(type) }),
                _ when lenient => null,
                var name when ReadOnly.Contains(name) => Problem.BadRequest($"{name} can't be updated"),
                var name => Problem.BadRequest($"{name} is not a user attribute"),
            };
            if (problem is not null)
                return problem;
        }

        return patch;
    }

    private static Problem? Name(JsonProperty field, ref UserPatch patch)
    {
        if (String(field, UserLimits.NameMaxLength, out var name) is { } problem)
            return problem;
        if (!UserLimits.IsValidName(name))
            return Problem.BadRequest("name must be 1-60 characters: letters, digits, - and _");
        patch = patch with { Name = name };
        return null;
    }

    private static Problem? Set(ref UserPatch patch, UserPatch changed)
    {
        patch = changed;
        return null;
    }
}
