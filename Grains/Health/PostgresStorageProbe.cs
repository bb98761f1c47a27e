using Npgsql;

namespace Kinopio.Grains.Health;

/// <summary>Cluster mode: <c>SELECT 1</c> on the silo's PostgreSQL data source.</summary>
public sealed class PostgresStorageProbe(NpgsqlDataSource database) : IStorageProbe
{
    public async Task Read()
    {
        await using var command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync();
    }
}
