using System.Text.Json;

namespace Kinopio.Api.Http;

/// <summary>The JSON of every answer: camelCase names, millisecond UTC timestamps.</summary>
public static class KinopioJson
{
    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new UtcMillisecondsConverter());

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
