namespace Kinopio.Api.Reference;

/// <summary>The reference of invites and collaborators (contract §9).</summary>
public static class CollaboratorDocs
{
    private const string Collaborator = """{"spaceId":"Wm4nB2r8QxLs0aTq5yZcK","userId":"euJ7dWI0PZlOgrFc7xZSm"}""";

    public static readonly IReadOnlyDictionary<string, RouteDoc> Routes = new Dictionary<string, RouteDoc>
    {
        ["GET /space/{spaceId}/collaborator-key"] = RouteDoc.Of("The space's collaborator key, for its members: the secret of an invite link", "\"Jk3pQ8sX0vN2mR7tL5wY9bC4hF6gD1aZ\""),
        ["PATCH /space/collaborator"] = RouteDoc.Of(
            "Joins the space as a collaborator, with its key in Space-Authorization; a wrong key or an unknown space is 401", Examples.FullSpace, Collaborator),
        ["DELETE /space/collaborator"] = RouteDoc.Of(
            "The owner removes a collaborator (the key rotates) or a collaborator leaves", Examples.FullSpace, Collaborator),
    };
}
