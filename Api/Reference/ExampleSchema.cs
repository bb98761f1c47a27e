using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Kinopio.Api.Reference;

/// <summary>The JSON schema an example body shows: objects with their properties, arrays of their first item, and each value's type.</summary>
public static class ExampleSchema
{
    public static OpenApiSchema Of(JsonNode? example) => example switch
    {
        JsonObject body => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = body.ToDictionary(property => property.Key, property => (IOpenApiSchema)Of(property.Value)),
        },
        JsonArray items => new OpenApiSchema { Type = JsonSchemaType.Array, Items = items.Count > 0 ? Of(items[0]) : new OpenApiSchema() },
        JsonValue value => new OpenApiSchema
        {
            Type = value.GetValueKind() switch
            {
                JsonValueKind.String => JsonSchemaType.String,
                JsonValueKind.Number => value.TryGetValue<long>(out _) ? JsonSchemaType.Integer : JsonSchemaType.Number,
                _ => JsonSchemaType.Boolean,
            },
        },
        // A null in an example is an optional id or text.
        _ => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
    };
}
