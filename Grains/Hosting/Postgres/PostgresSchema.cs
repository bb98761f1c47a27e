using Npgsql;

namespace Kinopio.Grains.Hosting.Postgres;

/// <summary>
/// The PostgreSQL schema of cluster mode: the versioned, idempotent SQL migrations in this folder
/// (embedded as resources), applied in name order. The Silo applies them at each start; tests and
/// operators use the same method (or psql on the same files).
/// </summary>
public static class PostgresSchema
{
    private const string ResourcePrefix = "Kinopio.Postgres.";

    /// <summary>Any fixed number: the advisory lock that keeps two silos starting together from applying at once.</summary>
    private const long MigrationLock = 0x4B696E6F70696F;

    /// <summary>The migrations, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } = LoadMigrations();

    /// <summary>Applies every migration, each in its own transaction. Safe to run any number of times.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var migration in Migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SchemaMigration[] LoadMigrations()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SchemaMigration(Path.GetFileNameWithoutExtension(name[ResourcePrefix.Length..]), reader.ReadToEnd());
            })
            .ToArray();
    }
}

/// <summary>One migration file: its name (e.g. <c>001_orleans_schema</c>) and its SQL.</summary>
public sealed record SchemaMigration(string Name, string Sql);
