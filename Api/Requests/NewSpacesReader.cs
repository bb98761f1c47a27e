using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>The spaces of a <c>POST /space</c>, and whether the client sent one object or an array (it gets back the same shape).</summary>
public sealed record NewSpaces(IReadOnlyList<NewSpace> Spaces, bool IsArray);

/// <summary>
/// <c>POST /space</c>: one space object or an array of 1–100. Like every create it ignores unknown
/// and read-only attributes (Kinopio clients send their whole local space); id, name and privacy
/// must be right, and showInExplore when sent (default false).
/// </summary>
public static class NewSpacesReader
{
    public static Outcome<NewSpaces> Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            var single = ReadSpace(body, "");
            return single.Problem is { } problem ? problem : new NewSpaces([single.Value!], false);
        }

        var count = body.GetArrayLength();
        if (count is 0 or > SpaceLimits.MaxSpacesPerCreate)
            return Problem.BadRequest($"body must be a space or an array of 1 to {SpaceLimits.MaxSpacesPerCreate} spaces");

        var spaces = new List<NewSpace>();
        var index = 0;
        foreach (var item in body.EnumerateArray())
        {
            var space = ReadSpace(item, $"[{index++}].");
            if (space.Problem is { } itemProblem)
                return itemProblem;
            if (spaces.Any(other => other.Id == space.Value!.Id))
                return Problem.BadRequest($"id {space.Value!.Id} appears twice");
            spaces.Add(space.Value!);
        }

        return new NewSpaces(spaces, true);
    }

    private static Outcome<NewSpace> ReadSpace(JsonElement body, string path)
    {
        if (NotAnObject(body) is not null)
            return Problem.BadRequest($"{path}body must be a space object");

        string? id = null, name = null, privacy = null;
        bool? showInExplore = null;
        foreach (var field in body.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "id" => StringOrNull(field, Ids.MaxLength, out id) ?? (string.IsNullOrEmpty(id) || Ids.IsValid(id)
                    ? null
                    : Problem.BadRequest($"{path}id must be letters, digits, - and _")),
                "name" => SpaceFields.Name(field, out name),
                "privacy" => SpaceFields.Privacy(field, out privacy),
                "showInExplore" => SpaceFields.ShowInExplore(field, out showInExplore),
                _ => null,
            };
            if (problem is not null)
                return problem with { Message = path + problem.Message };
        }

        if (name is null)
            return Problem.BadRequest($"{path}name is required");
        return new NewSpace(string.IsNullOrEmpty(id) ? Ids.New() : id, name, privacy ?? SpacePrivacy.Closed, showInExplore ?? false);
    }
}
