namespace Kinopio.Grains.Storage;

/// <summary>
/// Grain state that grows (a user's spaces, a space's cards) kept as one row per item, so a change
/// writes only what changed. A grain owns one partition; each write is atomic and carries the
/// partition version it read, so a second activation that slipped in (a cluster split) can never
/// overwrite newer rows: a stale write fails with <see cref="Orleans.Storage.InconsistentStateException"/>.
/// </summary>
public interface IItemStore
{
    /// <summary>Every item of the partition in the order each was first stored, and its version (0: nothing stored).</summary>
    Task<StoredPartition> Read(string partition);

    /// <summary>Applies every change or none, if the stored version is <paramref name="expectedVersion"/>; answers the new version.</summary>
    Task<long> Write(string partition, long expectedVersion, IReadOnlyList<ItemChange> changes);

    /// <summary>Deletes the partition and every item in it, if the stored version is <paramref name="expectedVersion"/>.</summary>
    Task Clear(string partition, long expectedVersion);
}

/// <summary>One stored item: its key within the partition and its serialized value.</summary>
public sealed record StoredItem(string Key, byte[] Value);

public sealed record StoredPartition(long Version, IReadOnlyList<StoredItem> Items)
{
    public static readonly StoredPartition Empty = new(0, []);
}

/// <summary>An item to write (<see cref="Value"/> set) or to delete (null). An item written again keeps its place in the order.</summary>
public readonly record struct ItemChange(string Key, byte[]? Value)
{
    public static ItemChange Delete(string key) => new(key, null);
}
