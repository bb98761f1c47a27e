using System.Text.Json;
using Kinopio.Api.Http;
using Xunit;

namespace Kinopio.Tests.Http;

/// <summary>The timestamp writer gives exactly the text of its format string, for any instant and offset.</summary>
public sealed class TimestampTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcMillisecondsConverter() } };

    public static TheoryData<DateTimeOffset> Instants() =>
    [
        DateTimeOffset.UnixEpoch,
        new(2020, 6, 11, 17, 52, 49, 123, TimeSpan.Zero),
        new(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-11)),
        new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(999, 2, 3, 4, 5, 6, 7, TimeSpan.Zero),
        DateTimeOffset.MaxValue,
        new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.FromHours(5.5)).AddTicks(9_999),
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void Writes_the_format_strings_text(DateTimeOffset instant) =>
        Assert.Equal($"\"{UtcMillisecondsConverter.FormatSlowly(instant)}\"", JsonSerializer.Serialize(instant, Options));

    [Fact]
    public void Writes_many_random_instants_as_the_format_string_does()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var instant = new DateTimeOffset(random.NextInt64(DateTimeOffset.MinValue.Ticks, DateTimeOffset.MaxValue.Ticks), TimeSpan.Zero);
            Assert.Equal($"\"{UtcMillisecondsConverter.FormatSlowly(instant)}\"", JsonSerializer.Serialize(instant, Options));
        }
    }

    [Fact]
    public void Reads_what_it_writes_to_the_millisecond()
    {
        var instant = new DateTimeOffset(2020, 6, 11, 17, 52, 49, 123, TimeSpan.Zero);
        Assert.Equal(instant, JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(instant, Options), Options));
    }
}
