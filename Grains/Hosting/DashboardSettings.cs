using Orleans.Dashboard;
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

    /// <summary>
    /// The dashboard's own options: no live log stream (<c>/dashboard/Trace</c> would show every log
    /// line of the process to whoever has the password, secrets redacted or not).
    /// </summary>
    public static void Configure(DashboardOptions options) => options.HideTrace = true;

    public static DashboardSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DashboardSettings>() ?? new DashboardSettings();
}
