using System.Text.Json.Nodes;

namespace Kinopio.Api.Reference;

/// <summary>
/// What the OpenAPI document says of one route beyond what its mapping says: a summary, the
/// success status, and an example body of the answer and of the request (when it takes one). The
/// schemas are inferred from the examples, so an example and its schema never disagree.
/// </summary>
public sealed record RouteDoc(string Summary, int Status, JsonNode Response, JsonNode? Request = null)
{
    public static RouteDoc Of(string summary, string response, string? request = null, int status = StatusCodes.Status200OK) =>
        new(summary, status, JsonNode.Parse(response)!, request is null ? null : JsonNode.Parse(request));
}
