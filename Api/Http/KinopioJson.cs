using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinopio.Api.Http;

/// <summary>The JSON of every answer: camelCase names, millisecond UTC timestamps.</summary>
public static class KinopioJson
{
    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new UtcMillisecondsConverter());

    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>One object with the attributes of <paramref name="main"/> and the extra ones, as Kinopio shows a user with its lists.</summary>
    public static JsonObject Flatten(object main, params (string Name, object Value)[] extra)
    {
        var json = JsonSerializer.SerializeToNode(main, Options)!.AsObject();
        foreach (var (name, value) in extra)
            json[name] = JsonSerializer.SerializeToNode(value, Options);
        return json;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
