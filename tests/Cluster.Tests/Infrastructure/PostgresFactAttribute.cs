namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>A test that needs PostgreSQL binaries: skipped, saying why, only when there are none at all.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.FindBinDirectory() is null)
            Skip = "PostgreSQL binaries (initdb, pg_ctl) not found: install PostgreSQL (Debian: apt-get install -y postgresql) "
                + "or set KINOPIO_PG_BIN to the folder that holds them.";
    }
}
