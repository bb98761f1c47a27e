using System.Text.Json.Serialization;

namespace Kinopio.Api.Http;

/// <summary>The body of every error and of every answer that is only a sentence: <c>{status, message, type?}</c>.</summary>
public sealed record StatusBody(
    int Status,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null);
