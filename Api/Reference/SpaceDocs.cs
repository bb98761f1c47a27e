namespace Kinopio.Api.Reference;

/// <summary>The reference of the space and content routes (contract §5, §7.3).</summary>
public static class SpaceDocs
{
    private const string SpaceId = """{"id":"Wm4nB2r8QxLs0aTq5yZcK"}""";

    public static readonly IReadOnlyDictionary<string, RouteDoc> Routes = new Dictionary<string, RouteDoc>
    {
        ["GET /space/new-spaces"] = RouteDoc.Of("The 30 spaces most recently made explorable or renamed among those shown in explore, newest first", $"[{Examples.Space}]"),
        ["GET /space/by-url/{spaceUrl}"] = RouteDoc.Of("The space whose url this is, as GET /space/{spaceId} shows it", Examples.FullSpace),
        ["GET /space/{spaceId}"] = RouteDoc.Of("A space with its cards, connections and connection types (private: owner only)", Examples.FullSpace),
        ["POST /space"] = RouteDoc.Of("Creates a space, or an array of 1–100 (answered as an array)", Examples.Space,
            """{"name":"Hello Kinopio","privacy":"closed"}""", StatusCodes.Status201Created),
        ["PATCH /space"] = RouteDoc.Of("Renames a space or changes its privacy", Examples.Space, """{"id":"Wm4nB2r8QxLs0aTq5yZcK","name":"Hello again","privacy":"open"}"""),
        ["DELETE /space"] = RouteDoc.Of("Removes a space (it can be restored)", Examples.Space, SpaceId),
        ["PATCH /space/restore"] = RouteDoc.Of("Restores a removed space", Examples.Space, SpaceId),
        ["PATCH /space/restore/{spaceId}"] = RouteDoc.Of("Restores a removed space named in the path", Examples.Space),
        ["DELETE /space/permanent"] = RouteDoc.Of("Deletes a space for good", Examples.Done("space deleted"), SpaceId),
        ["GET /space/{spaceId}/removed-cards"] = RouteDoc.Of("The removed cards of a space, which its editors may restore", $"[{Examples.Card}]"),
        ["GET /space/{spaceId}/removedCards"] = RouteDoc.Of("The removed cards of a space (the 2020 client's spelling)", $"[{Examples.Card}]"),
        ["PATCH /card/restore"] = RouteDoc.Of("Restores a removed card (or an array of them)", Examples.Card, """{"id":"c4rD8a1bQxLs0aTq5yZcK","spaceId":"Wm4nB2r8QxLs0aTq5yZcK"}"""),
        ["DELETE /card/permanent"] = RouteDoc.Of("Deletes a removed card for good (or an array of them)", Examples.Done("card deleted"),
            """{"id":"c4rD8a1bQxLs0aTq5yZcK","spaceId":"Wm4nB2r8QxLs0aTq5yZcK"}"""),
    }
        .Concat(ItemRoutes("/card", "card", Examples.Card, """{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","name":"an idea","x":100,"y":120}""", deleted: null))
        .Concat(ItemRoutes("/connection", "connection", Examples.Connection,
            """{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","startCardId":"c4rD8a1bQxLs0aTq5yZcK","endCardId":"c4rD9b2cQxLs0aTq5yZcK","connectionTypeId":"tYp3a1bQxLs0aTq5yZcKw"}""",
            deleted: "connection deleted"))
        .Concat(ItemRoutes("/connection-type", "connection type", Examples.ConnectionType, """{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","name":"leads to","color":"#8a7ce0"}""",
            deleted: "connection type deleted"))
        .ToDictionary();

    /// <summary>The five routes every kind of item has; a card's DELETE removes it, the others' delete it.</summary>
    private static IEnumerable<KeyValuePair<string, RouteDoc>> ItemRoutes(string path, string noun, string item, string create, string? deleted)
    {
        const string ById = """{"id":"c4rD8a1bQxLs0aTq5yZcK","spaceId":"Wm4nB2r8QxLs0aTq5yZcK"}""";
        yield return new($"GET {path}/{{id}}", RouteDoc.Of($"One {noun} of the space named by ?spaceId=", item));
        yield return new($"POST {path}", RouteDoc.Of($"Creates a {noun} (or an array of 1–100 of one space)", item, create, StatusCodes.Status201Created));
        yield return new($"PATCH {path}", RouteDoc.Of($"Updates a {noun} (or an array of 1–100 of one space)", item, ById));
        yield return new($"PATCH {path}/multiple", RouteDoc.Of($"Updates any number of {noun}s of one space", $"[{item}]", $"[{ById}]"));
        yield return new($"DELETE {path}", deleted is null
            ? RouteDoc.Of($"Removes a {noun} (it can be restored)", item, ById)
            : RouteDoc.Of($"Deletes a {noun}", Examples.Done(deleted), ById));
    }
}
