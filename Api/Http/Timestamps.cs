using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinopio.Api.Http;

/// <summary>Timestamps as Kinopio writes them: ISO-8601 UTC with milliseconds, <c>2020-06-11T17:52:49.123Z</c>.</summary>
public sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes <see cref="Format"/> digit by digit into a stack buffer: a space's answer holds two
    /// timestamps per card (20,000 for 10,000 cards), and formatting each through a custom format
    /// string and a new string was a sixth of that answer's CPU in the benchmark's profile.
    /// </summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var utc = value.UtcDateTime;
        Span<byte> text = stackalloc byte[24];
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        writer.WriteStringValue(text);
    }

    /// <summary>The same text as <see cref="Format"/> gives (the reference of the tests).</summary>
    public static string FormatSlowly(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            into[i] = (byte)('0' + value % 10);
    }
}
