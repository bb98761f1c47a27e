using Kinopio.Api.Http;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Telemetry;
using Orleans.Dashboard;

namespace Kinopio.Api.Observability;

/// <summary>What an operator looks at: <c>/metrics</c> (Prometheus) and <c>/dashboard</c> (Orleans Dashboard), each when configured on.</summary>
public static class OperatorEndpoints
{
    /// <summary>Refuses to start a dashboard that anyone on the network could open.</summary>
    public static void CheckDashboard(IConfiguration configuration)
    {
        var dashboard = DashboardSettings.From(configuration);
        if (dashboard.Enabled && string.IsNullOrEmpty(dashboard.Password) && !ListenAddresses.AreLoopbackOnly(configuration))
            throw new InvalidOperationException(
                "Dashboard:Enabled is true and the server listens beyond loopback: set Dashboard:Password (HTTP Basic), " +
                "listen on localhost only, or turn the dashboard off.");
    }

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (MetricsSettings.From(configuration).IsEnabled)
            app.MapPrometheusScrapingEndpoint(MetricsSettings.Path).WithMetadata(Unmetered.Instance).ExcludeFromDescription();

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
