using Kinopio.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kinopio.Grains.Telemetry;

/// <summary>
/// Configuration section <c>Metrics</c>: the Prometheus scrape endpoint <c>/metrics</c>. On by default in
/// embedded mode, off by default in cluster mode. The Api serves it on its own address; a Silo, which
/// has no HTTP otherwise, listens for it on <see cref="Port"/> only when it is on.
/// </summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";

    public bool? Enabled { get; set; }

    /// <summary>The Silo's scrape port.</summary>
    public int Port { get; set; } = 9464;

    public bool IsEnabled { get; private set; }

    public static MetricsSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<MetricsSettings>() ?? new MetricsSettings();
        settings.IsEnabled = settings.Enabled ?? !KinopioSettings.From(configuration).IsCluster;
        return settings;
    }
}
