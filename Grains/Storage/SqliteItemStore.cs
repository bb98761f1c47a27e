using Microsoft.Data.Sqlite;

namespace Kinopio.Grains.Storage;

/// <summary>Items in the embedded SQLite file, written in the database's grouped commits.</summary>
public sealed class SqliteItemStore(SqliteDatabase database) : IItemStore
{
    public Task<StoredPartition> Read(string partition) => database.Read(connection =>
    {
        using var version = Command(connection, "SELECT version FROM item_partition WHERE partition = $partition", partition);
        if (version.ExecuteScalar() is not long stored)
            return StoredPartition.Empty;

        using var select = Command(connection, "SELECT key, value FROM item WHERE partition = $partition ORDER BY rowid", partition);
        using var reader = select.ExecuteReader();
        var items = new List<StoredItem>();
        while (reader.Read())
            items.Add(new StoredItem(reader.GetString(0), (byte[])reader[1]));
        return new StoredPartition(stored, items);
    });

    public Task<long> Write(string partition, long expectedVersion, IReadOnlyList<ItemChange> changes) => database.Write(connection =>
    {
        ClaimVersion(connection, partition, expectedVersion, "write");
        using var upsert = Command(connection,
            "INSERT INTO item (partition, key, value) VALUES ($partition, $key, $value) ON CONFLICT (partition, key) DO UPDATE SET value = excluded.value",
            partition);
        using var delete = Command(connection, "DELETE FROM item WHERE partition = $partition AND key = $key", partition);
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var value = upsert.Parameters.Add("$value", SqliteType.Blob);
        var deletedKey = delete.Parameters.Add("$key", SqliteType.Text);
        foreach (var change in changes)
        {
            if (change.Value is { } bytes)
            {
                (key.Value, value.Value) = (change.Key, bytes);
                upsert.ExecuteNonQuery();
            }
            else
            {
                deletedKey.Value = change.Key;
                delete.ExecuteNonQuery();
            }
        }

        return expectedVersion + 1;
    });

    public Task Clear(string partition, long expectedVersion) => database.Write(connection =>
    {
        using var version = Command(connection, expectedVersion == 0
            ? "SELECT COUNT(*) = 0 FROM item_partition WHERE partition = $partition"
            : "DELETE FROM item_partition WHERE partition = $partition AND version = $version RETURNING 1", partition);
        version.Parameters.AddWithValue("$version", expectedVersion);
        if (Convert.ToInt64(version.ExecuteScalar() ?? 0L) != 1)
            throw StaleItems.Error("clear", partition, expectedVersion);
        using var items = Command(connection, "DELETE FROM item WHERE partition = $partition", partition);
        items.ExecuteNonQuery();
        return true;
    });

    /// <summary>Moves the partition from the version the grain read to the next, or fails the write as stale.</summary>
    private static void ClaimVersion(SqliteConnection connection, string partition, long expectedVersion, string action)
    {
        using var claim = Command(connection, expectedVersion == 0
            ? "INSERT INTO item_partition (partition, version) VALUES ($partition, 1) ON CONFLICT DO NOTHING"
            : "UPDATE item_partition SET version = version + 1 WHERE partition = $partition AND version = $version", partition);
        claim.Parameters.AddWithValue("$version", expectedVersion);
        if (claim.ExecuteNonQuery() != 1)
            throw StaleItems.Error(action, partition, expectedVersion);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string partition)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$partition", partition);
        return command;
    }
}
