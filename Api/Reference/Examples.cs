namespace Kinopio.Api.Reference;

/// <summary>Example bodies shared by several routes of the reference.</summary>
public static class Examples
{
    public const string PublicUser = """
        {"id":"euJ7dWI0PZlOgrFc7xZSm","name":"ann","color":"#c9a0e1","description":"hello","website":"","createdAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string PrivateUser = """
        {"id":"euJ7dWI0PZlOgrFc7xZSm","name":"ann","email":"ann@example.com","emailIsVerified":false,
         "apiKey":"3f2c8a1e-8d7b-4c55-9a43-5b1d2e6f7a90","color":"#c9a0e1","description":"hello","website":"",
         "lastSpaceId":null,"lastReadNewStuffId":null,"defaultConnectionTypeId":null,"currentPublicSpaceId":null,
         "cardsCreatedCount":0,"isUpgraded":false,"createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string Space = $$"""
        {"id":"Wm4nB2r8QxLs0aTq5yZcK","name":"Hello Kinopio","url":"hello-kinopio-Wm4nB2r8QxLs0aTq5yZcK","privacy":"closed",
         "userId":"euJ7dWI0PZlOgrFc7xZSm","users":[{{PublicUser}}],"collaborators":[],"isRemoved":false,"removedByUserId":null,"showInExplore":false,
         "createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string Card = """
        {"id":"c4rD8a1bQxLs0aTq5yZcK","spaceId":"Wm4nB2r8QxLs0aTq5yZcK","name":"an idea","x":100,"y":120,"z":1,
         "userId":"euJ7dWI0PZlOgrFc7xZSm","isRemoved":false,"createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string Connection = """
        {"id":"c0nN8a1bQxLs0aTq5yZcK","spaceId":"Wm4nB2r8QxLs0aTq5yZcK","startCardId":"c4rD8a1bQxLs0aTq5yZcK",
         "endCardId":"c4rD9b2cQxLs0aTq5yZcK","connectionTypeId":"tYp3a1bQxLs0aTq5yZcKw","path":"m100,120 q90,40 180,0",
         "userId":"euJ7dWI0PZlOgrFc7xZSm","createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string ConnectionType = """
        {"id":"tYp3a1bQxLs0aTq5yZcKw","spaceId":"Wm4nB2r8QxLs0aTq5yZcK","name":"leads to","color":"#8a7ce0",
         "userId":"euJ7dWI0PZlOgrFc7xZSm","createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z"}
        """;

    public const string FullSpace = $$"""
        {"id":"Wm4nB2r8QxLs0aTq5yZcK","name":"Hello Kinopio","url":"hello-kinopio-Wm4nB2r8QxLs0aTq5yZcK","privacy":"closed",
         "userId":"euJ7dWI0PZlOgrFc7xZSm","users":[{{PublicUser}}],"collaborators":[],"isRemoved":false,"removedByUserId":null,"showInExplore":false,
         "createdAt":"2020-06-11T17:52:49.123Z","updatedAt":"2020-06-11T17:52:49.123Z",
         "cards":[{{Card}}],"connections":[{{Connection}}],"connectionTypes":[{{ConnectionType}}]}
        """;

    /// <summary>An example object with more properties: <paramref name="properties"/> is <c>"name":value,…</c>.</summary>
    public static string With(string body, string properties) => $"{body.TrimEnd()[..^1]},{properties}}}";

    public static string Done(string message) => $$"""{"status":200,"message":"{{message}}"}""";
}
