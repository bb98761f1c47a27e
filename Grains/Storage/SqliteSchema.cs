namespace Kinopio.Grains.Storage;

/// <summary>The tables of the embedded SQLite file; safe to apply to a file that has them.</summary>
public static class SqliteSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE TABLE IF NOT EXISTS item_partition (
            partition TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS item (
            partition TEXT NOT NULL,
            key TEXT NOT NULL,
            value BLOB NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS item_key ON item (partition, key);
        CREATE INDEX IF NOT EXISTS item_order ON item (partition);
        """;
}
