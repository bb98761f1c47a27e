using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Kinopio.Grains.Storage;

/// <summary>
/// Grain state in one SQLite file: the embedded mode's durable store. Each row carries a version
/// that serves as the ETag; a write or clear with a stale ETag fails with
/// <see cref="InconsistentStateException"/> instead of overwriting, as the ADO.NET provider does.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly Lazy<Task> _schema;

    public SqliteGrainStorage(string databasePath, IGrainStorageSerializer serializer)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        _serializer = serializer;
        _schema = new Lazy<Task>(CreateSchema);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        await using var command = Command(connection,
            "SELECT payload, version FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])reader["payload"]));
        grainState.ETag = reader.GetInt64(1).ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        var sql = grainState.ETag is null
            ? "INSERT INTO grain_state (state_name, grain_id, payload, version) VALUES ($state, $grain, $payload, 1) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET payload = $payload, version = version + 1 WHERE state_name = $state AND grain_id = $grain AND version = $version";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$payload", _serializer.Serialize(grainState.State).ToArray());
        var version = grainState.ETag is null ? 0 : long.Parse(grainState.ETag);
        command.Parameters.AddWithValue("$version", version);
        if (await command.ExecuteNonQueryAsync() != 1)
            throw Stale("write", stateName, grainId, grainState.ETag);
        grainState.ETag = (version + 1).ToString();
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        var sql = grainState.ETag is null
            ? "SELECT COUNT(*) FROM grain_state WHERE state_name = $state AND grain_id = $grain"
            : "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND version = $version RETURNING 0";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$version", grainState.ETag is null ? 0 : long.Parse(grainState.ETag));
        var result = await command.ExecuteScalarAsync();
        var cleared = grainState.ETag is null ? Convert.ToInt64(result) == 0 : result is not null;
        if (!cleared)
            throw Stale("clear", stateName, grainId, grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<SqliteConnection> Open()
    {
        await _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task CreateSchema()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                payload BLOB NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            );
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return command;
    }

    private static InconsistentStateException Stale(string action, string stateName, GrainId grainId, string? etag) =>
        new($"Stale {action} of {stateName} for {grainId}: the stored version is not {etag ?? "absent"}", etag ?? "", "unknown");
}
