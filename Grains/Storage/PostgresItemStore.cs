using Npgsql;
using NpgsqlTypes;

namespace Kinopio.Grains.Storage;

/// <summary>Items in cluster mode: tables of migration 002, one transaction and one round trip per write.</summary>
public sealed class PostgresItemStore(NpgsqlDataSource database) : IItemStore
{
    public async Task<StoredPartition> Read(string partition)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT version FROM kinopio_item_partition WHERE partition = $1", partition));
        batch.BatchCommands.Add(Command("SELECT key, value FROM kinopio_item WHERE partition = $1 ORDER BY seq", partition));
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return StoredPartition.Empty;
        var version = reader.GetInt64(0);
        await reader.NextResultAsync();
        var items = new List<StoredItem>();
        while (await reader.ReadAsync())
            items.Add(new StoredItem(reader.GetString(0), (byte[])reader[1]));
        return new StoredPartition(version, items);
    }

    public async Task<long> Write(string partition, long expectedVersion, IReadOnlyList<ItemChange> changes)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var claim = expectedVersion == 0
            ? Command("INSERT INTO kinopio_item_partition (partition, version) VALUES ($1, 1) ON CONFLICT DO NOTHING", partition)
            : Command("UPDATE kinopio_item_partition SET version = version + 1 WHERE partition = $1 AND version = $2", partition, expectedVersion);
        batch.BatchCommands.Add(claim);

        var upserts = changes.Where(change => change.Value is not null).ToList();
        if (upserts.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO kinopio_item (partition, key, value)
                SELECT $1, key, value FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS change (key, value, position) ORDER BY position
                ON CONFLICT (partition, key) DO UPDATE SET value = EXCLUDED.value
                """, partition, upserts.Select(change => change.Key).ToArray(), upserts.Select(change => change.Value!).ToArray()));
        var deletes = changes.Where(change => change.Value is null).Select(change => change.Key).ToArray();
        if (deletes.Length > 0)
            batch.BatchCommands.Add(Command("DELETE FROM kinopio_item WHERE partition = $1 AND key = ANY($2)", partition, deletes));

        await batch.ExecuteNonQueryAsync();
        if (claim.RecordsAffected != 1)
            throw StaleItems.Error("write", partition, expectedVersion);
        await transaction.CommitAsync();
        return expectedVersion + 1;
    }

    public async Task Clear(string partition, long expectedVersion)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var claim = expectedVersion == 0
            ? Command("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM kinopio_item_partition WHERE partition = $1)", partition)
            : Command("DELETE FROM kinopio_item_partition WHERE partition = $1 AND version = $2 RETURNING 1", partition, expectedVersion);
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(Command("DELETE FROM kinopio_item WHERE partition = $1", partition));
        var claimed = await batch.ExecuteScalarAsync();
        if (claimed is null)
            throw StaleItems.Error("clear", partition, expectedVersion);
        await transaction.CommitAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
