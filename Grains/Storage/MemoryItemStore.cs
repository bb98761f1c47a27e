namespace Kinopio.Grains.Storage;

/// <summary>Items in memory with the durable stores' rules (versions, order, atomic writes): for grain tests.</summary>
public sealed class MemoryItemStore : IItemStore
{
    private readonly Dictionary<string, StoredPartition> _partitions = [];

    public Task<StoredPartition> Read(string partition)
    {
        lock (_partitions)
            return Task.FromResult(_partitions.GetValueOrDefault(partition) ?? StoredPartition.Empty);
    }

    public Task<long> Write(string partition, long expectedVersion, IReadOnlyList<ItemChange> changes)
    {
        lock (_partitions)
        {
            var stored = Stored(partition, expectedVersion, "write");
            var items = stored.Items.ToList();
            foreach (var change in changes)
            {
                var at = items.FindIndex(item => item.Key == change.Key);
                if (change.Value is null && at >= 0)
                    items.RemoveAt(at);
                else if (change.Value is { } value && at >= 0)
                    items[at] = new StoredItem(change.Key, value);
                else if (change.Value is { } added)
                    items.Add(new StoredItem(change.Key, added));
            }

            _partitions[partition] = new StoredPartition(expectedVersion + 1, items);
            return Task.FromResult(expectedVersion + 1);
        }
    }

    public Task Clear(string partition, long expectedVersion)
    {
        lock (_partitions)
        {
            Stored(partition, expectedVersion, "clear");
            _partitions.Remove(partition);
            return Task.CompletedTask;
        }
    }

    private StoredPartition Stored(string partition, long expectedVersion, string action)
    {
        var stored = _partitions.GetValueOrDefault(partition) ?? StoredPartition.Empty;
        return stored.Version == expectedVersion ? stored : throw StaleItems.Error(action, partition, expectedVersion);
    }
}
