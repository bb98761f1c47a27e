using System.Text.Json;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Requests;

/// <summary>Typed reads of one JSON property, each answering a 400 that names the field when the value is wrong.</summary>
public static class JsonFields
{
    public static Problem? NotAnObject(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? null : Problem.BadRequest("body must be a JSON object");

    public static Problem? String(JsonProperty field, int maxLength, out string value)
    {
        value = "";
        if (field.Value.ValueKind != JsonValueKind.String)
            return Problem.BadRequest($"{field.Name} must be a string");
        value = field.Value.GetString()!;
        return value.Length > maxLength
            ? Problem.BadRequest($"{field.Name} must be at most {maxLength} characters")
            : null;
    }

    public static Problem? StringOrNull(JsonProperty field, int maxLength, out string? value)
    {
        value = null;
        if (field.Value.ValueKind == JsonValueKind.Null)
            return null;
        var problem = String(field, maxLength, out var text);
        value = text;
        return field.Value.ValueKind == JsonValueKind.String ? problem : Problem.BadRequest($"{field.Name} must be a string or null");
    }

    public static Problem? Boolean(JsonProperty field, out bool value)
    {
        value = field.Value.ValueKind == JsonValueKind.True;
        return field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : Problem.BadRequest($"{field.Name} must be true or false");
    }

    /// <summary>Reads a required string property of <paramref name="body"/>.</summary>
    public static Problem? Required(JsonElement body, string name, int maxLength, out string value)
    {
        value = "";
        foreach (var field in body.EnumerateObject())
            if (field.Name == name)
                return String(field, maxLength, out value);
        return Problem.BadRequest($"{name} is required");
    }
}
