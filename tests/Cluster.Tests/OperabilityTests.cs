using System.Net;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Cluster mode with metrics and the dashboard on: each Silo serves its own <c>/metrics</c> on
/// <c>Metrics:Port</c>, the Api its own; the Api's <c>/dashboard</c> shows the cluster (on loopback, no
/// password); <c>/health/ready</c> reads PostgreSQL from a silo; the startup line says the mode and
/// never the connection string.
/// </summary>
public sealed class OperabilityTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Silo_and_api_serve_metrics_the_dashboard_and_readiness()
    {
        var metricsPort = FreePort.Next();
        await using var cluster = await KinopioCluster.StartAsync(output, siloCount: 1,
            siloSettings: new Dictionary<string, string> { ["Metrics__Enabled"] = "true", ["Metrics__Port"] = metricsPort.ToString(), ["Dashboard__Enabled"] = "true" },
            apiSettings: new Dictionary<string, string> { ["Metrics__Enabled"] = "true", ["Dashboard__Enabled"] = "true" });
        var api = cluster.Client;
        await api.SignUpAsync("metrics@example.com", "password-metrics");

        var ready = await api.GetAsync("/health/ready", apiKey: null);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("""{"status":200,"message":"ready","checks":{"cluster":"ok","storage":"ok"}}""", ready.Body);

        using var http = new HttpClient();
        var siloMetrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Contains("\norleans_", siloMetrics);
        var apiMetrics = await api.GetAsync("/metrics", apiKey: null);
        Assert.Contains("""kinopio_requests_total{otel_scope_name="Kinopio",http_response_status_code="201",http_route="/user/sign-up"} 1""", apiMetrics.Body);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/dashboard/", apiKey: null)).Status);

        var lines = cluster.ApiOutput(0);
        Assert.Contains(lines, line => line.Contains("Kinopio Api started in cluster mode, cluster "));
        Assert.DoesNotContain(lines, line => line.Contains("Password=", StringComparison.OrdinalIgnoreCase));
    }
}
