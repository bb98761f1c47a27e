using System.Net;
using System.Text.Json.Nodes;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Observability;

/// <summary>
/// <c>/openapi/v1.json</c>: every route has a summary, an example answer (and an example request when it
/// takes a body), the error body on its errors, and the apiKey schemes where it takes a key. A new route
/// without its RouteDoc fails here. <c>tests/docs-check.sh</c> checks the Scalar page in Chromium.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class ReferenceTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private async Task<JsonNode> Document()
    {
        var answer = await _client.Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json;
    }

    private static IEnumerable<(string Route, JsonObject Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(operation => ($"{operation.Key.ToUpperInvariant()} {path.Key}", operation.Value!.AsObject())));

    [Fact]
    public async Task Every_route_has_a_summary_and_an_example_answer()
    {
        var operations = Operations(await Document()).ToList();

        Assert.True(operations.Count >= 40, $"only {operations.Count} routes in the document");
        foreach (var (route, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.ToString()), $"{route} has no summary: add its RouteDoc");
            var success = operation["responses"]!.AsObject().Single(response => response.Key.StartsWith('2'));
            Assert.True(success.Value!["content"]?["application/json"]?["example"] is not null, $"{route} has no example answer");
            Assert.True(success.Value!["content"]!["application/json"]!["schema"] is not null, $"{route} has no answer schema");
        }
    }

    [Fact]
    public async Task Routes_that_read_a_body_show_an_example_request()
    {
        var operations = Operations(await Document()).ToDictionary();

        foreach (var (route, type) in new[] { ("POST /user/sign-up", "object"), ("PATCH /user", "object"), ("POST /space", "object"), ("PATCH /card/multiple", "array") })
        {
            var body = operations[route]["requestBody"]!["content"]!["application/json"]!;
            Assert.NotNull(body["example"]);
            Assert.Equal(type, body["schema"]!["type"]!.ToString());
        }
        Assert.Equal("""{"email":"ann@example.com","password":"correct horse","name":"ann"}""",
            operations["POST /user/sign-up"]["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString());
    }

    [Fact]
    public async Task The_api_key_schemes_and_the_error_body_are_in_the_document()
    {
        var document = await Document();
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal(("apiKey", "header", "Authorization"), (schemes["apiKey"]!["type"]!.ToString(), schemes["apiKey"]!["in"]!.ToString(), schemes["apiKey"]!["name"]!.ToString()));
        Assert.Equal("query", schemes["apiKeyQuery"]!["in"]!.ToString());
        Assert.Equal("apiKey", schemes["apiKeyQuery"]!["name"]!.ToString());
        Assert.Equal(["status", "message"], document["components"]!["schemas"]!["Error"]!["required"]!.AsArray().Select(name => name!.ToString()));

        var operations = Operations(document).ToDictionary();
        Assert.Equal(2, operations["GET /user"]["security"]!.AsArray().Count);
        Assert.Equal(3, operations["GET /space/{spaceId}"]["security"]!.AsArray().Count);
        Assert.Null(operations["POST /user/sign-up"]["security"]);
        Assert.Null(operations["GET /health/ready"]["responses"]!["429"]);
        foreach (var (route, operation) in operations)
        {
            var errors = operation["responses"]!.AsObject().Where(response => response.Key[0] is '4' or '5').ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, error => Assert.Equal("#/components/schemas/Error", error.Value!["content"]!["application/json"]!["schema"]!["$ref"]!.ToString()));
        }
    }

    [Fact]
    public async Task The_docs_page_is_scalar_served_from_here()
    {
        var page = await _client.Get("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("""<script src="scalar.js"></script>""", page.Text);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/docs/scalar.js")).Status);
    }
}
