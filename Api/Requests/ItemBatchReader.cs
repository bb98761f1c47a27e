using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Api.Requests;

/// <summary>The items of one REST request (§7.3): all of one space, and whether one object or an array came (the answer has the same shape).</summary>
public sealed record ItemBatch(string SpaceId, IReadOnlyList<ItemEdit> Edits, bool IsArray);

/// <summary>
/// The body of a content route: one item or an array of items of one space, each naming it in
/// <c>spaceId</c>; 1–100 items on the plain routes, any number (the byte cap only) on the
/// <c>/multiple</c> routes, where <c>[]</c> is an empty batch. Strict: a wrong item is a 400 naming its index and field.
/// </summary>
public static class ItemBatchReader
{
    public const int MaxItems = 100;

    public static Func<JsonElement, Outcome<ItemBatch>> For(ItemKind kind, EditAction action, bool multiple = false) =>
        body => Read(body, kind, action, multiple);

    private static Outcome<ItemBatch> Read(JsonElement body, ItemKind kind, EditAction action, bool multiple)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            var single = ReadItem(body, kind, action, "");
            return single.Problem is { } problem ? problem : new ItemBatch(single.Value.SpaceId, [single.Value.Edit], IsArray: false);
        }

        var count = body.GetArrayLength();
        if (count == 0 && multiple)
            return new ItemBatch("", [], IsArray: true);
        if (count == 0 || count > MaxItems && !multiple)
            return Problem.BadRequest($"body must be an item or an array of 1 to {MaxItems} items");

        var edits = new List<ItemEdit>(count);
        var ids = new HashSet<string>(count);
        string? spaceId = null;
        var index = 0;
        foreach (var element in body.EnumerateArray())
        {
            var path = $"[{index++}].";
            var item = ReadItem(element, kind, action, path);
            if (item.Problem is { } problem)
                return problem;
            if (spaceId is not null && item.Value.SpaceId != spaceId)
                return Problem.BadRequest($"{path}spaceId must be the same space in every item of a request");
            if (!ids.Add(item.Value.Edit.Id))
                return Problem.BadRequest($"{path}id {item.Value.Edit.Id} appears twice");
            spaceId = item.Value.SpaceId;
            edits.Add(item.Value.Edit);
        }

        return new ItemBatch(spaceId!, edits, IsArray: true);
    }

    private static Outcome<(string SpaceId, ItemEdit Edit)> ReadItem(JsonElement element, ItemKind kind, EditAction action, string path)
    {
        if (element.ValueKind == JsonValueKind.Object && ItemReader.SpaceId(element) is null)
            return Problem.BadRequest($"{path}spaceId is required: the id of the item's space");
        var edit = ItemReader.Read(element, kind, action, lenient: false, path);
        return edit.Problem is { } problem ? problem : (ItemReader.SpaceId(element)!, edit.Value!);
    }
}
