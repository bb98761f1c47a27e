using Kinopio.Grains.Storage;

namespace Kinopio.Grains.Health;

/// <summary>Embedded mode: one statement on a pooled read connection of the SQLite file.</summary>
public sealed class SqliteStorageProbe(SqliteDatabase database) : IStorageProbe
{
    public Task Read() => database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema";
        return command.ExecuteScalar();
    });
}
