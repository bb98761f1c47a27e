namespace Kinopio.Grains.Health;

/// <summary>A cheap read of the store of this silo's mode (SQLite or PostgreSQL); throws when it cannot read.</summary>
public interface IStorageProbe
{
    Task Read();
}
