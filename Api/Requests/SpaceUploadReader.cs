using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Api.Requests;

/// <summary>
/// A full space as the 2020 client keeps it (contract §8.1), read leniently: an id and a name are
/// what leniency cannot mend (else the space is refused); a wrong privacy is the default, a wrong
/// item attribute is dropped, an item without a valid id is left out (so that sending the same body
/// twice gives the same state: items are upserts by id). The space's items take its
/// id; a card's <c>isRemoved</c> is kept (how a client hands over its removed cards).
/// </summary>
public static class SpaceUploadReader
{
    public static Outcome<SpaceUpload> Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return Problem.BadRequest("a space must be an object");
        if (Text(body, "id") is not { } id || !Ids.IsValid(id))
            return Problem.BadRequest("id must be letters, digits, - and _");
        if (Text(body, "name") is not { } name || name.Trim().Length == 0 || name.Length > SpaceLimits.NameMaxLength)
            return Problem.BadRequest($"name is required: 1-{SpaceLimits.NameMaxLength} characters");

        return new SpaceUpload
        {
            Id = id,
            Name = name,
            Privacy = Text(body, "privacy") is { } privacy && SpacePrivacy.IsValid(privacy) ? privacy : SpacePrivacy.Closed,
            IsRemoved = body.TryGetProperty("isRemoved", out var removed) && removed.ValueKind == JsonValueKind.True,
            ShowInExplore = body.TryGetProperty("showInExplore", out var shown) && shown.ValueKind == JsonValueKind.True,
            // Types and cards before connections, which must join cards of the space.
            Content = [.. Items(body, "connectionTypes", ItemKind.ConnectionType), .. Items(body, "cards", ItemKind.Card), .. Items(body, "connections", ItemKind.Connection)],
        };
    }

    private static IEnumerable<ItemEdit> Items(JsonElement space, string name, ItemKind kind) =>
        space.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Select(item => ItemReader.Read(item, kind, EditAction.Update, lenient: true, keepIsRemoved: true))
                .Where(edit => edit.Problem is null)
                .Select(edit => edit.Value!)
            : [];

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
