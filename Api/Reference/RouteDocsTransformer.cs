using System.Text.Json.Nodes;
using Kinopio.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Kinopio.Api.Reference;

/// <summary>
/// Gives every operation its summary, request and answer (schema and example) from the route's
/// <see cref="RouteDoc"/>, and, from the route's metadata alone, its error answers and whether it takes
/// the apiKey: a new route gets those without a word; a route without a <see cref="RouteDoc"/> has
/// no summary, which the reference test catches.
/// </summary>
public sealed class RouteDocsTransformer : IOpenApiOperationTransformer
{
    public static readonly IReadOnlyDictionary<string, RouteDoc> Docs = AccountDocs.Routes.Concat(SpaceDocs.Routes).Concat(WritePathDocs.Routes).Concat(CollaboratorDocs.Routes).ToDictionary();

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        var path = "/" + description.RelativePath?.Trim('/');
        var doc = Docs.GetValueOrDefault($"{description.HttpMethod} {path}");
        var apiKey = metadata.OfType<AcceptsApiKey>().FirstOrDefault();
        var takesBody = doc?.Request is not null || metadata.OfType<BodyReader>().Any();

        operation.Summary = doc?.Summary;
        operation.Tags = new HashSet<OpenApiTagReference> { Tag(document, path) };
        if (doc?.Request is { } request)
            operation.RequestBody = new OpenApiRequestBody { Required = true, Content = Json(ExampleSchema.Of(request), request) };

        var status = doc?.Status ?? StatusCodes.Status200OK;
        operation.Responses = new OpenApiResponses
        {
            [status.ToString()] = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status), Content = doc is null ? null : Json(ExampleSchema.Of(doc.Response), doc.Response) },
        };
        if (takesBody)
            Error(operation, document, StatusCodes.Status400BadRequest, "the body is not JSON, or a field is wrong (the message names it)");
        if (apiKey is not null)
            Error(operation, document, StatusCodes.Status401Unauthorized, apiKey.IsRequired ? "no valid apiKey" : "the object is not viewable without a valid apiKey");
        if (path.Contains('{') || (apiKey is not null && takesBody))
            Error(operation, document, StatusCodes.Status404NotFound, "no such object");
        if (takesBody)
            Error(operation, document, StatusCodes.Status413PayloadTooLarge, "the body is over its limit");
        if (!metadata.OfType<Unmetered>().Any())
            Error(operation, document, StatusCodes.Status429TooManyRequests, "rate limited: Retry-After says when to try again (type: rate limited)");
        Error(operation, document, StatusCodes.Status503ServiceUnavailable, "the server could not complete the request: try again");

        if (apiKey is not null)
            operation.Security = ApiKeySecurity(document, apiKey.IsRequired);
        return Task.CompletedTask;
    }

    /// <summary>Routes are grouped by their first segment (<c>user</c>, <c>space</c>, <c>card</c>, …).</summary>
    private static OpenApiTagReference Tag(OpenApiDocument document, string path)
    {
        var name = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "root";
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(tag => tag.Name == name))
            document.Tags.Add(new OpenApiTag { Name = name });
        return new OpenApiTagReference(name, document);
    }

    private static Dictionary<string, OpenApiMediaType> Json(IOpenApiSchema schema, JsonNode? example = null) =>
        new() { ["application/json"] = new OpenApiMediaType { Schema = schema, Example = example?.DeepClone() } };

    private static void Error(OpenApiOperation operation, OpenApiDocument document, int status, string description) =>
        operation.Responses![status.ToString()] = new OpenApiResponse
        {
            Description = description,
            Content = Json(new OpenApiSchemaReference(ReferenceDocument.ErrorSchema, document)),
        };

    /// <summary>The key in the header or in the query; an optional key also allows neither.</summary>
    private static List<OpenApiSecurityRequirement> ApiKeySecurity(OpenApiDocument document, bool required)
    {
        var either = new List<OpenApiSecurityRequirement>
        {
            new() { [new OpenApiSecuritySchemeReference(ReferenceDocument.HeaderScheme, document)] = [] },
            new() { [new OpenApiSecuritySchemeReference(ReferenceDocument.QueryScheme, document)] = [] },
        };
        if (!required)
            either.Add(new OpenApiSecurityRequirement());
        return either;
    }
}
