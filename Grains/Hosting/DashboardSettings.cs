using Microsoft.Extensions.Configuration;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// Configuration section <c>Dashboard</c>: the Orleans Dashboard at <c>/dashboard</c> of the Api, off by
/// default. Every silo of a cluster needs it on too (the dashboard's grains live there). Off loopback
/// it needs <see cref="Password"/> (HTTP Basic, any user name).
/// </summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";
    public const string Path = "/dashboard";

    public bool Enabled { get; set; }

    public string? Password { get; set; }

    public static DashboardSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DashboardSettings>() ?? new DashboardSettings();
}
