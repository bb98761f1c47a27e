using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// The line a process (Api or Silo) logs once it listens: its mode, where its data is (the SQLite file,
/// or the cluster and its PostgreSQL server, never the connection string: it holds a password) and its URLs.
/// </summary>
public static partial class StartupLog
{
    public static void Started(ILogger log, string process, IConfiguration configuration, IEnumerable<string> urls)
    {
        var settings = KinopioSettings.From(configuration);
        var listening = string.Join(", ", urls);
        if (!settings.IsCluster)
        {
            Embedded(log, process, "embedded", Path.GetFullPath(settings.DataPath), listening);
            return;
        }

        var postgres = new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        Cluster(log, process, "cluster", settings.ClusterId, $"{postgres.Host}:{postgres.Port}/{postgres.Database}", listening);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kinopio {Process} started in {Mode} mode, data {DataPath}, listening on {Urls}")]
    private static partial void Embedded(ILogger log, string process, string mode, string dataPath, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kinopio {Process} started in {Mode} mode, cluster {ClusterId} on PostgreSQL {Database}, listening on {Urls}")]
    private static partial void Cluster(ILogger log, string process, string mode, string clusterId, string database, string urls);
}
