using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kinopio.Api.Reference;

/// <summary>The document's own parts: its title and introduction, the apiKey schemes (header and query), and the error body.</summary>
public sealed class ReferenceDocument : IOpenApiDocumentTransformer
{
    public const string ErrorSchema = "Error";
    public const string HeaderScheme = "apiKey";
    public const string QueryScheme = "apiKeyQuery";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Kinopio API",
            Version = "v1",
            Description = "Authenticate with your apiKey in the Authorization header (raw or Bearer) or ?apiKey=. " +
                "Each user (or client address without a key) may make 5 requests per second; past that every request gets 429 for 30 seconds. " +
                "Every answer is JSON; errors are {status, message, type?}. The realtime room protocol is a WebSocket at /.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "The apiKey, raw or as Bearer <apiKey>",
        };
        document.Components.SecuritySchemes[QueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "apiKey",
            Description = "The apiKey in the query string (for testing)",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every error answer",
            Required = new HashSet<string> { "status", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "the HTTP status" },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "what went wrong, naming the field" },
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "\"unique violation\", \"rate limited\" or \"limit reached\", where a client must tell cases apart" },
            },
        };
        return Task.CompletedTask;
    }
}
