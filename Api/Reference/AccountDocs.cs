namespace Kinopio.Api.Reference;

/// <summary>The reference of the root, health, account, password and user routes (contract §1.1, §4, §10).</summary>
public static class AccountDocs
{
    private const string CurrentPublicSpace =
        "\"currentPublicSpace\":{\"id\":\"Wm4nB2r8QxLs0aTq5yZcK\",\"name\":\"Hello Kinopio\",\"url\":\"hello-kinopio-Wm4nB2r8QxLs0aTq5yZcK\"}";

    public static readonly IReadOnlyDictionary<string, RouteDoc> Routes = new Dictionary<string, RouteDoc>
    {
        ["GET /"] = RouteDoc.Of("Says the API is online; a WebSocket upgrade here joins the realtime rooms", Examples.Done("Kinopio API is online")),
        ["GET /health/live"] = RouteDoc.Of("Liveness probe: the process answers", Examples.Done("live")),
        ["GET /health/ready"] = RouteDoc.Of("Readiness probe: each dependency (cluster, storage) is ok or names its failure",
            """{"status":200,"message":"ready","checks":{"cluster":"ok","storage":"ok"}}"""),
        ["POST /user/sign-up"] = RouteDoc.Of("Creates an account and answers the private user with its new apiKey", Examples.PrivateUser,
            """{"email":"ann@example.com","password":"correct horse","name":"ann"}""", StatusCodes.Status201Created),
        ["POST /user/sign-in"] = RouteDoc.Of("Answers the private user with its apiKey; 10 failures per email in 15 minutes lock it (429)", Examples.PrivateUser,
            """{"email":"ann@example.com","password":"correct horse"}"""),
        ["POST /user/reset-password"] = RouteDoc.Of("Emails a password reset link if an account has this email; answers the same for any email",
            Examples.Done("If an account has this email, a link to reset its password is on its way"), """{"email":"ann@example.com"}"""),
        ["PATCH /user/update-password"] = RouteDoc.Of("Sets a new password, with a reset token or the apiKey in Authorization", Examples.PrivateUser,
            """{"password":"battery staple"}"""),
        ["GET /user/public/{userId}"] = RouteDoc.Of("A public user and its open and closed spaces", Examples.With(Examples.PublicUser, $"\"spaces\":[{Examples.Space}]")),
        ["GET /user/current-public-spaces"] = RouteDoc.Of("The users present now in open spaces, each with its space",
            $"[{Examples.With(Examples.PublicUser, CurrentPublicSpace)}]"),
        ["GET /user"] = RouteDoc.Of("The signed-in user, with its apiKey", Examples.PrivateUser),
        ["PATCH /user"] = RouteDoc.Of("Updates name, color, description, website, lastSpaceId, lastReadNewStuffId, defaultConnectionTypeId",
            Examples.PrivateUser, """{"description":"hello","color":"#c9a0e1"}"""),
        ["DELETE /user/permanent"] = RouteDoc.Of("Deletes the account and every space it owns", Examples.Done("user deleted")),
        ["GET /user/spaces"] = RouteDoc.Of("The user's spaces that are not removed, newest first", $"[{Examples.Space}]"),
        ["GET /user/removed-spaces"] = RouteDoc.Of("The spaces the user removed and may restore", $"[{Examples.Space}]"),
        ["GET /user/favorites"] = RouteDoc.Of("The private user with its favorite users and spaces",
            Examples.With(Examples.PrivateUser, $"\"favoriteUsers\":[{Examples.PublicUser}],\"favoriteSpaces\":[{Examples.Space}]")),
        ["PATCH /user/favorites"] = RouteDoc.Of("Toggles a favorite user or space",
            $$"""{"favoriteUsers":[{{Examples.PublicUser}}],"favoriteSpaces":[],"isFavorite":true}""", """{"type":"user","id":"euJ7dWI0PZlOgrFc7xZSm"}"""),
    };
}
