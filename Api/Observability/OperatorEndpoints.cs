using Kinopio.Api.Http;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Telemetry;
using Orleans.Dashboard;

namespace Kinopio.Api.Observability;

/// <summary>What an operator looks at: <c>/metrics</c> (Prometheus) and <c>/dashboard</c> (Orleans Dashboard), each when configured on.</summary>
public static class OperatorEndpoints
{
    /// <summary>
    /// Refuses to start a dashboard that anyone on the network could open: without a password it is
    /// served only by a server that listens on loopback alone and has no trusted proxy (a proxy on the
    /// same host would bring the network to loopback).
    /// </summary>
    public static void CheckDashboard(IConfiguration configuration)
    {
        var dashboard = DashboardSettings.From(configuration);
        var reachableFromTheNetwork = !ListenAddresses.AreLoopbackOnly(configuration)
            || configuration.GetSection("RateLimit:TrustedProxies").Get<string[]>() is { Length: > 0 };
        if (dashboard.Enabled && string.IsNullOrEmpty(dashboard.Password) && reachableFromTheNetwork)
            throw new InvalidOperationException(
                "Dashboard:Enabled is true and the server listens beyond loopback or behind a proxy: set Dashboard:Password (HTTP Basic), " +
                "listen on localhost only with no proxy, or turn the dashboard off.");
    }

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        // The scrape is rate limited like any request (contract §3): a scraper every few seconds never notices.
        if (MetricsSettings.From(configuration).IsEnabled)
            app.MapPrometheusScrapingEndpoint(MetricsSettings.Path).ExcludeFromDescription();

        var dashboard = DashboardSettings.From(configuration);
        if (dashboard.Enabled)
        {
            var routes = app.MapOrleansDashboard(routePrefix: DashboardSettings.Path).WithMetadata(Unmetered.Instance).ExcludeFromDescription();
            if (!string.IsNullOrEmpty(dashboard.Password))
                routes.WithMetadata(new DashboardPassword(dashboard.Password));
        }

        return app;
    }
}
