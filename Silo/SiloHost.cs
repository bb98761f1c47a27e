using System.Net;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinopio.Silo;

/// <summary>
/// The Silo process: a generic host, or, when <c>Metrics:Enabled</c>, a minimal web host whose only
/// route is <c>/metrics</c> on <c>Metrics:Port</c> (the loopback address alone when the silo advertises
/// a loopback IP, as the silo's own ports do; otherwise every interface).
/// </summary>
public static class SiloHost
{
    /// <param name="generic">The process's generic host builder; left unused when metrics are on.</param>
    public static IHost Build(string[] args, HostApplicationBuilder generic)
    {
        var metrics = MetricsSettings.From(generic.Configuration);
        if (!metrics.IsEnabled)
        {
            Configure(generic);
            var host = generic.Build();
            LogStarted(host, SiloUrls(generic.Configuration));
            return host;
        }

        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var advertised = KinopioSettings.From(web.Configuration).AdvertisedHost;
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            if (IPAddress.TryParse(advertised, out var address) && IPAddress.IsLoopback(address))
                kestrel.Listen(address, metrics.Port);
            else
                kestrel.ListenAnyIP(metrics.Port);
        });
        Configure(web);
        var app = web.Build();
        app.MapPrometheusScrapingEndpoint(MetricsSettings.Path);
        LogStarted(app, [.. SiloUrls(web.Configuration), $"http://{advertised}:{metrics.Port}{MetricsSettings.Path}"]);
        return app;
    }

    private static void Configure(IHostApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.UseKinopio(builder.Configuration));
        builder.Services.AddKinopioMetrics(builder.Configuration);
    }

    private static IEnumerable<string> SiloUrls(IConfiguration configuration)
    {
        var settings = KinopioSettings.From(configuration);
        return [$"silo {settings.AdvertisedHost}:{settings.SiloPort}", $"gateway {settings.AdvertisedHost}:{settings.GatewayPort}"];
    }

    private static void LogStarted(IHost host, IEnumerable<string> urls) =>
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            StartupLog.Started(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kinopio.Silo"), "Silo", host.Services.GetRequiredService<IConfiguration>(), urls));
}
