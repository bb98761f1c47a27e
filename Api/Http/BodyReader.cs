using System.Text.Json;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Http;

/// <summary>
/// Endpoint metadata: the route's JSON body, read and checked by the <see cref="Auth.RequestPipeline"/>
/// before the handler runs (413 past <see cref="MaxBytes"/>, 400 for malformed JSON or a value the
/// parser refuses); the handler receives the parsed value as <see cref="Parsed{T}"/>.
/// </summary>
public sealed class BodyReader(Func<JsonElement, Outcome<object>> parse, long maxBytes)
{
    public long MaxBytes => maxBytes;

    public Outcome<object> Parse(JsonElement body) => parse(body);
}

/// <summary>The body of a request as its route's <see cref="BodyReader"/> parsed it.</summary>
public sealed record Parsed<T>(T Value)
{
    public static ValueTask<Parsed<T>?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.Features.Get<ParsedBody>()?.Value is T value ? new Parsed<T>(value) : null);
}

/// <summary>The parsed body, as a request feature between the pipeline and the handler.</summary>
public sealed record ParsedBody(object Value);

public static class BodyReaderExtensions
{
    /// <summary>The route reads a JSON body of at most 1 MiB, parsed by <paramref name="parse"/>.</summary>
    public static TBuilder Reads<TBuilder, T>(this TBuilder route, Func<JsonElement, Outcome<T>> parse, long maxBytes = JsonBody.MaxBytes)
        where TBuilder : IEndpointConventionBuilder where T : notnull =>
        route.WithMetadata(new BodyReader(body => parse(body) is var parsed && parsed.Problem is { } problem
            ? new Outcome<object>(null, problem)
            : new Outcome<object>(parsed.Value!, null), maxBytes));
}
