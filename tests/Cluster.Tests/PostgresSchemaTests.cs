using System.Data;
using Kinopio.Cluster.Tests.Infrastructure;
using Kinopio.Grains.Hosting.Postgres;
using Npgsql;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// The migration against a real PostgreSQL: it applies twice, and the query texts it stores keep
/// the contract the Orleans 10.4.2 providers rely on (run here the way the providers run them:
/// read from OrleansQuery, @-parameters typed as the providers type them).
/// </summary>
public sealed class PostgresSchemaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteStorageKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "ReadFromStorageKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey",
    ];

    private readonly TestDirectory directory = new();
    private PostgresServer? postgres;

    public async Task InitializeAsync()
    {
        postgres = await PostgresServer.StartNewAsync(Path.Combine(directory.Path, "postgres"));
        await PostgresSchema.ApplyAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (postgres is not null)
            await postgres.DisposeAsync();
        directory.Dispose();
    }

    [PostgresFact]
    public async Task The_migration_applies_twice_and_stores_every_query_the_providers_look_up()
    {
        await PostgresSchema.ApplyAsync(postgres!.ConnectionString);
        await PostgresSchema.ApplyAsync(postgres.ConnectionString);

        Assert.Equal(QueryKeys, await ReadColumnAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey"));
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Name),
            await ReadColumnAsync("SELECT Name FROM KinopioSchemaVersion ORDER BY Name"));
        output.WriteLine($"applied 3 times: {string.Join(", ", PostgresSchema.Migrations.Select(m => m.Name))}; {QueryKeys.Length} query keys");
    }

    [PostgresFact]
    public async Task Grain_state_writes_succeed_only_on_the_version_they_read()
    {
        var grain = new GrainKey(Hash: 42, TypeHash: 7, N0: 0, N1: 0, Type: "user", Extension: "s:abc123");

        Assert.Equal(1, await WriteAsync(grain, expectedVersion: null, [1]));        // first write inserts version 1
        Assert.Null(await WriteAsync(grain, expectedVersion: null, [9]));            // a second "first" write loses
        Assert.Equal(2, await WriteAsync(grain, expectedVersion: 1, [2]));
        Assert.Null(await WriteAsync(grain, expectedVersion: 1, [9]));               // stale version loses
        Assert.Equal(((byte[])[2], 2), await ReadAsync(grain));
        Assert.Null(await ReadAsync(grain with { Extension = "s:0abc123" }));        // another key, another row

        Assert.Equal(3, await ScalarAsync("ClearStorageKey", GrainParameters(grain, version: 2)));
        Assert.Equal(((byte[]?)null, 3), await ReadAsync(grain));                     // cleared: no payload, version moves on
        Assert.Null(await ScalarAsync("DeleteStorageKey", GrainParameters(grain, version: 2)));
        Assert.Equal(4, await ScalarAsync("DeleteStorageKey", GrainParameters(grain, version: 3)));
        Assert.Null(await ReadAsync(grain));
    }

    [PostgresFact]
    public async Task Membership_changes_succeed_only_on_the_table_version_they_read()
    {
        var cluster = new NpgsqlParameter("DeploymentId", DbType.String) { Value = "membership-test" };
        Assert.Equal(1, await ScalarAsync("InsertMembershipVersionKey", [cluster.Clone()]));
        Assert.Equal(0, await ScalarAsync("InsertMembershipVersionKey", [cluster.Clone()]));

        var now = DateTime.UtcNow;
        NpgsqlParameter[] Silo(int status, int version) =>
        [
            cluster.Clone(), Parameter("Address", DbType.AnsiString, "127.0.0.1"), Parameter("Port", DbType.Int32, 11111),
            Parameter("Generation", DbType.Int32, 5), Parameter("SiloName", DbType.String, "silo"),
            Parameter("HostName", DbType.String, "host"), Parameter("Status", DbType.Int32, status),
            Parameter("ProxyPort", DbType.Int32, 30000), Parameter("StartTime", DbType.DateTime, now),
            Parameter("IAmAliveTime", DbType.DateTime, now), Parameter("SuspectTimes", DbType.String, null),
            Parameter("Version", DbType.Int32, version),
        ];

        Assert.Equal(1, await ScalarAsync("InsertMembershipKey", Silo(status: 2, version: 0)));
        Assert.Equal(0, await ScalarAsync("InsertMembershipKey", Silo(status: 2, version: 1)));   // row exists: no change
        Assert.Equal(0, await ScalarAsync("UpdateMembershipKey", Silo(status: 3, version: 0)));   // stale table version
        Assert.Equal(1, await ScalarAsync("UpdateMembershipKey", Silo(status: 3, version: 1)));
        Assert.Equal(["2"], await ReadColumnAsync("SELECT Version::text FROM OrleansMembershipVersionTable WHERE DeploymentId = 'membership-test'"));
        Assert.Equal(["3"], await ReadColumnAsync("SELECT Status::text FROM OrleansMembershipTable WHERE DeploymentId = 'membership-test'"));
    }

    private sealed record GrainKey(int Hash, int TypeHash, long N0, long N1, string Type, string? Extension);

    private static NpgsqlParameter Parameter(string name, DbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    private static NpgsqlParameter[] GrainParameters(GrainKey grain, int? version) =>
    [
        Parameter("GrainIdHash", DbType.Int32, grain.Hash), Parameter("GrainIdN0", DbType.Int64, grain.N0),
        Parameter("GrainIdN1", DbType.Int64, grain.N1), Parameter("GrainTypeHash", DbType.Int32, grain.TypeHash),
        Parameter("GrainTypeString", DbType.String, grain.Type), Parameter("GrainIdExtensionString", DbType.String, grain.Extension),
        Parameter("ServiceId", DbType.String, "kinopio"), Parameter("GrainStateVersion", DbType.Int32, version),
    ];

    private Task<int?> WriteAsync(GrainKey grain, int? expectedVersion, byte[] payload) =>
        ScalarAsync("WriteToStorageKey", [.. GrainParameters(grain, expectedVersion), Parameter("PayloadBinary", DbType.Binary, payload)]);

    private async Task<(byte[]? Payload, int Version)?> ReadAsync(GrainKey grain)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(await QueryTextAsync(connection, "ReadFromStorageKey"), connection);
        command.Parameters.AddRange(GrainParameters(grain, version: null)[..^1]);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        var payload = reader.IsDBNull(reader.GetOrdinal("PayloadBinary")) ? null : (byte[])reader["PayloadBinary"];
        return (payload, reader.GetInt32(reader.GetOrdinal("Version")));
    }

    /// <summary>Runs the stored query <paramref name="key"/> and answers its first column (null for no row or NULL).</summary>
    private async Task<int?> ScalarAsync(string key, NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(await QueryTextAsync(connection, key), connection);
        command.Parameters.AddRange(parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToInt32(value);
    }

    private static async Task<string> QueryTextAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ReadColumnAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(postgres!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
