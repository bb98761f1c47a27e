using System.Globalization;
using System.Text.RegularExpressions;

namespace Kinopio.Tests.Support;

/// <summary>A Prometheus text exposition, parsed: each sample's name, labels and value.</summary>
public sealed partial class MetricsScrape(IReadOnlyList<MetricsScrape.Sample> samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples => samples;

    public static MetricsScrape Parse(string text) => new(text.Split('\n')
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => SampleLine().Match(line))
        .Select(match => new Sample(
            match.Groups["name"].Value,
            Label().Matches(match.Groups["labels"].Value).ToDictionary(label => label.Groups[1].Value, label => Regex.Unescape(label.Groups[2].Value)),
            double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)))
        .ToList());

    /// <summary>The value of the one sample named <paramref name="name"/> that has at least these labels; 0 when there is none.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(sample => sample.Name == name
            && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value)).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} samples of {name} match");
        return matching.Count == 0 ? 0 : matching[0].Value;
    }

    [GeneratedRegex("""^(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?""")]
    private static partial Regex Label();
}
