using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Kinopio.Grains.Telemetry;

/// <summary>The metrics of a process (Api or Silo): our instruments, and their export when <c>Metrics:Enabled</c>.</summary>
public static class KinopioTelemetry
{
    /// <summary>Orleans' own meter: grain calls, activations, messaging, storage.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary><see cref="KinopioMetrics"/> for whoever records (grains, the Api, the store); cheap when nothing listens.</summary>
    public static IServiceCollection AddKinopioInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<KinopioMetrics>();
        return services;
    }

    /// <summary>Our instruments, plus, when metrics are on, ASP.NET Core's, Orleans' and ours for the Prometheus scrape endpoint.</summary>
    public static IServiceCollection AddKinopioMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKinopioInstruments();
        if (MetricsSettings.From(configuration).IsEnabled)
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(KinopioMetrics.MeterName, OrleansMeter)
                .AddAspNetCoreInstrumentation()
                // Every scrape answers the values of now (the exporter's default keeps one answer for 300 ms).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
