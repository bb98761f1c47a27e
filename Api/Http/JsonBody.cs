using System.Text.Json;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Http;

/// <summary>Reads a request body as JSON, refusing more than <see cref="MaxBytes"/> (413) and malformed JSON (400).</summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static bool IsTooLarge(HttpRequest request) => request.ContentLength > MaxBytes;

    public static IResult TooLarge() => Respond.Error(StatusCodes.Status413PayloadTooLarge, "body is larger than 1 MiB");

    /// <summary>The body parsed, then turned into <typeparamref name="T"/> by <paramref name="parse"/>; or the error to answer.</summary>
    public static async Task<(T? Value, IResult? Error)> Read<T>(HttpRequest request, Func<JsonElement, Outcome<T>> parse)
    {
        if (IsTooLarge(request))
            return (default, TooLarge());

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    return (default, TooLarge());
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same size) fired first on a body without Content-Length.
            return (default, TooLarge());
        }

        if (buffer.Length == 0)
            return (default, Respond.Error(StatusCodes.Status400BadRequest, "body is required: a JSON object"));

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (default, Respond.Error(StatusCodes.Status400BadRequest, $"body is not valid JSON: {e.Message}"));
        }

        var parsed = parse(body);
        return parsed.Problem is { } problem ? (default, Respond.Problem(problem)) : (parsed.Value, null);
    }
}
