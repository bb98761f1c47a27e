using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Spaces;

namespace Kinopio.Api.Requests;

/// <summary>
/// Reads one card, connection or connection type (contract §7.1): the one place item attributes
/// are checked, for the REST routes (strict: a wrong attribute is a 400 naming it) and for the
/// batch paths (lenient: a wrong attribute is dropped, §8.2). Server-set attributes are ignored;
/// attributes the table does not name are kept as extras, within their bounds.
/// </summary>
public static partial class ItemReader
{
    public const int TextMaxLength = 4000;
    public const int ExtraNameMaxLength = 64;

    /// <summary>Set by the server, ignored when sent (<c>spaceId</c> names the space and is read by whoever reads the batch).</summary>
    private static readonly HashSet<string> ServerSet = ["userId", "createdAt", "updatedAt", "isRemoved", "spaceId", "id"];

    /// <summary>
    /// The item as an edit. An id is required but for creates (missing or empty: a new one).
    /// <paramref name="keepIsRemoved"/>: a full space uploaded whole keeps its cards' <c>isRemoved</c>.
    /// </summary>
    public static Outcome<ItemEdit> Read(JsonElement item, ItemKind kind, EditAction action, bool lenient, string path = "", bool keepIsRemoved = false)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return Problem.BadRequest($"{path}body must be a {ContentKeys.Name(kind)} object");
        if (Id(item, action) is not { } id)
            return Problem.BadRequest($"{path}id is required: letters, digits, - and _ (1-{Ids.MaxLength} characters)");

        var fields = ItemFields.None;
        var extras = ImmutableDictionary.CreateBuilder<string, JsonScalar?>();
        foreach (var field in item.EnumerateObject())
        {
            if (keepIsRemoved && kind == ItemKind.Card && field.Name == "isRemoved" && field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                fields = fields with { IsRemoved = field.Value.GetBoolean() };
                continue;
            }

            if (ServerSet.Contains(field.Name))
                continue;
            var problem = Known(kind, field, ref fields) ?? (IsKnown(kind, field.Name) ? null : Extra(field, extras));
            if (problem is not null && !lenient)
                return problem with { Message = path + problem.Message };
        }

        if (extras.Count > ContentEditor.MaxExtras)
        {
            if (!lenient)
                return Problem.BadRequest($"{path}an item keeps at most {ContentEditor.MaxExtras} extra attributes");
            foreach (var dropped in extras.Keys.Skip(ContentEditor.MaxExtras).ToList())
                extras.Remove(dropped);
        }

        return new ItemEdit(kind, action, id, fields with { Extras = extras.ToImmutable() });
    }

    /// <summary>The <c>spaceId</c> an item names, or null.</summary>
    public static string? SpaceId(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("spaceId", out var spaceId)
        && spaceId.ValueKind == JsonValueKind.String && Ids.IsValid(spaceId.GetString()) ? spaceId.GetString() : null;

    /// <summary>The item's id; a create without one (missing, null or empty) gets a new one.</summary>
    private static string? Id(JsonElement item, EditAction action)
    {
        var sent = item.TryGetProperty("id", out var id) ? id : default;
        if (sent.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || sent.ValueKind == JsonValueKind.String && sent.GetString() == "")
            return action == EditAction.Create ? Ids.New() : null;
        return sent.ValueKind == JsonValueKind.String && Ids.IsValid(sent.GetString()) ? sent.GetString() : null;
    }

    private static bool IsKnown(ItemKind kind, string name) => kind switch
    {
        ItemKind.Card => name is "name" or "x" or "y" or "z" or "frameId",
        ItemKind.Connection => name is "startCardId" or "endCardId" or "connectionTypeId" or "path" or "labelIsVisible",
        _ => name is "name" or "color",
    };

    /// <summary>Reads an attribute the contract names for this kind into <paramref name="fields"/>; other names are left alone.</summary>
    private static Problem? Known(ItemKind kind, JsonProperty field, ref ItemFields fields)
    {
        Problem? problem = null;
        fields = (kind, field.Name) switch
        {
            (ItemKind.Card, "name") => Text(field, 0, TextMaxLength, ref problem) is { } name ? fields with { Name = name } : fields,
            (ItemKind.Card, "x") => Number(field, ref problem) is { } x ? fields with { X = x } : fields,
            (ItemKind.Card, "y") => Number(field, ref problem) is { } y ? fields with { Y = y } : fields,
            (ItemKind.Card, "z") => Number(field, ref problem) is { } z ? fields with { Z = z } : fields,
            (ItemKind.Card, "frameId") => field.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String && field.Value.GetRawText().Length <= ExtraNameMaxLength
                ? fields with { FrameId = JsonScalar.Of(field.Value) }
                : Refuse(ref problem, $"{field.Name} must be a number or a short string", fields),
            (ItemKind.Connection, "startCardId") => ItemId(field, ref problem) is { } start ? fields with { StartCardId = start } : fields,
            (ItemKind.Connection, "endCardId") => ItemId(field, ref problem) is { } end ? fields with { EndCardId = end } : fields,
            (ItemKind.Connection, "connectionTypeId") => ItemId(field, ref problem) is { } type ? fields with { ConnectionTypeId = type } : fields,
            (ItemKind.Connection, "path") => Text(field, 0, TextMaxLength, ref problem) is { } svg ? fields with { Path = svg } : fields,
            (ItemKind.Connection, "labelIsVisible") => field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? fields with { LabelIsVisible = field.Value.GetBoolean() }
                : Refuse(ref problem, $"{field.Name} must be true or false", fields),
            (ItemKind.ConnectionType, "name") => Text(field, 1, SpaceLimits.NameMaxLength, ref problem) is { } typeName ? fields with { Name = typeName } : fields,
            (ItemKind.ConnectionType, "color") => Text(field, 0, Grains.Interfaces.Users.UserLimits.ColorMaxLength, ref problem) is { } color ? fields with { Color = color } : fields,
            _ => fields,
        };
        return problem;
    }

    /// <summary>An extra attribute (§7.1): a name of letters and digits, a JSON scalar (a string ≤ 4000 characters); null removes it.</summary>
    private static Problem? Extra(JsonProperty field, ImmutableDictionary<string, JsonScalar?>.Builder extras)
    {
        if (!ExtraName().IsMatch(field.Name))
            return Problem.BadRequest($"{field.Name} is not a valid attribute name (a letter, then letters and digits, at most {ExtraNameMaxLength})");
        switch (field.Value.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                return Problem.BadRequest($"{field.Name} must be a string, number, boolean or null");
            case JsonValueKind.String when field.Value.GetString()!.Length > TextMaxLength:
                return Problem.BadRequest($"{field.Name} must be at most {TextMaxLength} characters");
            case JsonValueKind.Number when !double.IsFinite(field.Value.GetDouble()) || field.Value.GetRawText().Length > TextMaxLength:
                return Problem.BadRequest($"{field.Name} must be a finite number of at most {TextMaxLength} characters");
            case JsonValueKind.Null:
                extras[field.Name] = null;
                return null;
            default:
                extras[field.Name] = JsonScalar.Of(field.Value);
                return null;
        }
    }

    private static string? Text(JsonProperty field, int minLength, int maxLength, ref Problem? problem)
    {
        if (field.Value.ValueKind == JsonValueKind.String && field.Value.GetString() is { } text && text.Length >= minLength && text.Length <= maxLength)
            return text;
        problem = Problem.BadRequest($"{field.Name} must be a string of {minLength}-{maxLength} characters");
        return null;
    }

    private static double? Number(JsonProperty field, ref Problem? problem)
    {
        if (field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out var number) && double.IsFinite(number))
            return number;
        problem = Problem.BadRequest($"{field.Name} must be a finite number");
        return null;
    }

    private static string? ItemId(JsonProperty field, ref Problem? problem)
    {
        if (field.Value.ValueKind == JsonValueKind.String && Ids.IsValid(field.Value.GetString()))
            return field.Value.GetString();
        problem = Problem.BadRequest($"{field.Name} must be an id: letters, digits, - and _");
        return null;
    }

    private static ItemFields Refuse(ref Problem? problem, string message, ItemFields fields)
    {
        problem = Problem.BadRequest(message);
        return fields;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex ExtraName();
}
