using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Kinopio.Grains.Storage;

/// <summary>
/// Grain state in the embedded SQLite file, written in the database's grouped commits. Each row
/// carries a version that serves as the ETag; a write or clear with a stale ETag fails with
/// <see cref="InconsistentStateException"/> instead of overwriting, as the ADO.NET provider does.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await database.Read(connection =>
        {
            using var command = Command(connection, "SELECT payload, version FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ((byte[])reader[0], reader.GetInt64(1)) : default((byte[] Payload, long Version)?);
        });

        if (row is not { } stored)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Payload));
        grainState.ETag = stored.Version.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = grainState.ETag is null ? 0 : long.Parse(grainState.ETag);
        var etag = grainState.ETag;
        await database.Write(connection =>
        {
            using var command = Command(connection, etag is null
                ? "INSERT INTO grain_state (state_name, grain_id, payload, version) VALUES ($state, $grain, $payload, 1) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET payload = $payload, version = version + 1 WHERE state_name = $state AND grain_id = $grain AND version = $version",
                stateName, grainId);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$version", version);
            if (command.ExecuteNonQuery() != 1)
                throw Stale("write", stateName, grainId, etag);
            return true;
        });
        grainState.ETag = (version + 1).ToString();
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = grainState.ETag;
        await database.Write(connection =>
        {
            using var command = Command(connection, etag is null
                ? "SELECT COUNT(*) = 0 FROM grain_state WHERE state_name = $state AND grain_id = $grain"
                : "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND version = $version RETURNING 1",
                stateName, grainId);
            command.Parameters.AddWithValue("$version", etag is null ? 0 : long.Parse(etag));
            if (Convert.ToInt64(command.ExecuteScalar() ?? 0L) != 1)
                throw Stale("clear", stateName, grainId, etag);
            return true;
        });
        grainState.ETag = null;
        grainState.RecordExists = false;
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
