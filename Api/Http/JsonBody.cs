using System.Text.Json;

namespace Kinopio.Api.Http;

/// <summary>Reads a request body as JSON, refusing more than the route allows (413) and malformed JSON (400).</summary>
public static class JsonBody
{
    /// <summary>The body limit of every route but the batch routes (contract §1).</summary>
    public const int MaxBytes = 1024 * 1024;

    public static IResult TooLarge(long maxBytes) =>
        Respond.Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {maxBytes / (1024 * 1024)} MiB");

    /// <summary>The body parsed as JSON, or the error to answer.</summary>
    public static async Task<(JsonElement Body, IResult? Error)> Read(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
            return (default, TooLarge(maxBytes));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return (default, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the largest route's) fired first on a body without Content-Length.
            return (default, TooLarge(maxBytes));
        }

        if (buffer.Length == 0)
            return (default, Respond.Error(StatusCodes.Status400BadRequest, "body is required: JSON"));

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Respond.Error(StatusCodes.Status400BadRequest, $"body is not valid JSON: {e.Message}"));
        }
    }
}
