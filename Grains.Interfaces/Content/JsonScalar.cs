using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinopio.Grains.Interfaces.Content;

/// <summary>
/// A JSON scalar kept exactly as the client sent it (a string, number, boolean or null), as its
/// JSON text: a card's <c>frameId</c> and the extra attributes of items (contract §7.1).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.JsonScalar")]
[JsonConverter(typeof(JsonScalarConverter))]
public sealed record JsonScalar([property: Id(0)] string Json)
{
    public static readonly JsonScalar Zero = new("0");

    public static JsonScalar Of(JsonElement value) => new(value.GetRawText());
}

/// <summary>Writes a <see cref="JsonScalar"/> as the JSON it holds.</summary>
public sealed class JsonScalarConverter : JsonConverter<JsonScalar>
{
    public override JsonScalar Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonScalar.Of(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, JsonScalar value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
