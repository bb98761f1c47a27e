using System.Text.Json;
using System.Text.Unicode;

namespace Kinopio.Api.Http;

/// <summary>
/// Reads a request body as JSON, refusing more than the route allows (413) and malformed JSON (400):
/// bytes that are not UTF-8 (System.Text.Json parses them, then throws when a reader takes the
/// string: a 5xx), and an object that names a property twice (readers differ on which one wins).
/// A lone UTF-16 surrogate written as an escape (<c>"\ud800"</c>: what JavaScript's JSON.stringify
/// makes of a string cut inside an emoji) is read as U+FFFD, as a browser encodes such a string.
/// </summary>
public static class JsonBody
{
    /// <summary>The body limit of every route but the batch routes (contract §1).</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

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
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit (the largest route's) fired first on a body without Content-Length (413);
            // or the body broke off: shorter than its Content-Length, bad chunked framing (400), too slow (408).
            return (default, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : Respond.Error(e.StatusCode, $"body could not be read: {e.Message}"));
        }

        if (buffer.Length == 0)
            return (default, Respond.Error(StatusCodes.Status400BadRequest, "body is required: JSON"));

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!Utf8.IsValid(bytes.Span))
            return (default, Respond.Error(StatusCodes.Status400BadRequest, "body is not valid JSON: it is not UTF-8"));
        ReplaceLoneSurrogateEscapes(bytes.Span);
        try
        {
            using var document = JsonDocument.Parse(bytes, Options);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Respond.Error(StatusCodes.Status400BadRequest, $"body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>
    /// Rewrites, in place, each <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a pair as
    /// <c>\uFFFD</c> (the same six bytes); System.Text.Json parses them, then throws when a reader
    /// takes the string. Outside a string a backslash is invalid JSON anyway, so no string tracking.
    /// </summary>
    public static void ReplaceLoneSurrogateEscapes(Span<byte> json)
    {
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length - 1; )
        {
            if (json[i + 1] != (byte)'u' || Escaped(json, i) is not { } unit)
            {
                i = Next(json, i + 2);
                continue;
            }

            if (char.IsHighSurrogate(unit) && Escaped(json, i + 6) is { } low && char.IsLowSurrogate(low))
            {
                i = Next(json, i + 12);
                continue;
            }

            if (char.IsSurrogate(unit))
                "FFFD"u8.CopyTo(json.Slice(i + 2, 4));
            i = Next(json, i + 6);
        }
    }

    private static int Next(Span<byte> json, int from) =>
        from >= json.Length ? -1 : json[from..].IndexOf((byte)'\\') is var at and >= 0 ? from + at : -1;

    /// <summary>The UTF-16 unit of a <c>\uXXXX</c> escape at <paramref name="at"/>, or null.</summary>
    private static char? Escaped(Span<byte> json, int at) =>
        at + 6 <= json.Length && json[at] == (byte)'\\' && json[at + 1] == (byte)'u'
        && System.Buffers.Text.Utf8Parser.TryParse(json.Slice(at + 2, 4), out ushort unit, out var consumed, 'X') && consumed == 4
            ? (char)unit
            : null;
}
