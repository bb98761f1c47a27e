namespace Kinopio.Api.Reference;

/// <summary>The reference of the 2020 web client's write path (contract §8).</summary>
public static class WritePathDocs
{
    public static readonly IReadOnlyDictionary<string, RouteDoc> Routes = new Dictionary<string, RouteDoc>
    {
        ["POST /operations"] = RouteDoc.Of(
            "Applies a batch of operations in order, each on its own; 200 with what was applied and what was refused (with the status its route would answer)",
            """
            {"operations":[{"index":0,"name":"updateCard","id":"c4rD8a1bQxLs0aTq5yZcK"}],
             "errors":[{"index":1,"name":"createCard","id":"c4rD9b2cQxLs0aTq5yZcK","status":403,"message":"only the space's members can change its content"}]}
            """,
            """
            [{"name":"updateCard","body":{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","id":"c4rD8a1bQxLs0aTq5yZcK","x":140,"y":200}},
             {"name":"createCard","body":{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","id":"c4rD9b2cQxLs0aTq5yZcK","name":"an idea"}}]
            """),
        ["POST /space/multiple"] = RouteDoc.Of(
            "Uploads full spaces (the client's offline spaces after sign-up or sign-in); a space that cannot be taken is left out of the answer",
            $"[{Examples.FullSpace}]",
            """
            [{"id":"Wm4nB2r8QxLs0aTq5yZcK","name":"Hello Kinopio","privacy":"closed",
              "cards":[{"id":"c4rD8a1bQxLs0aTq5yZcK","name":"an idea","x":100,"y":120}],"connections":[],"connectionTypes":[]}]
            """,
            StatusCodes.Status201Created),
    };
}
