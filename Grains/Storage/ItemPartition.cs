using Orleans.Serialization;

namespace Kinopio.Grains.Storage;

/// <summary>
/// A grain's own partition of the <see cref="IItemStore"/>: it remembers the version it read, and
/// turns values into stored items and back in the Orleans format (version-tolerant through <c>[Id]</c>).
/// </summary>
public sealed class ItemPartition(IItemStore store, Serializer serializer, GrainId grain)
{
    /// <summary>A grain's partition is named by its grain id (<c>user/…</c>, <c>space/…</c>).</summary>
    private readonly string _name = grain.ToString();

    private long _version;
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Reads every item, in the order each was first stored.</summary>
    public async Task<IReadOnlyList<StoredItem>> Load()
    {
        var stored = await store.Read(_name);
        _version = stored.Version;
        return stored.Items;
    }

    public T Decode<T>(StoredItem item) => serializer.Deserialize<T>(item.Value)!;

    public ItemChange Put<T>(string key, T value) => new(key, serializer.SerializeToArray(value));

    /// <summary>
    /// Writes the changes, all or none; nothing to write costs nothing. A key changed twice is
    /// written once, as its last change says (so every store applies the same thing). Writes of one
    /// grain's partition run one after another, each on the version the one before it made, even
    /// when the grain awaits several at once.
    /// </summary>
    public async Task Save(IReadOnlyList<ItemChange> changes)
    {
        if (changes.Count == 0)
            return;
        var last = new Dictionary<string, int>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
            last[changes[i].Key] = i;
        var collapsed = last.Count == changes.Count ? changes : changes.Where((change, i) => last[change.Key] == i).ToList();

        await _writing.WaitAsync();
        try
        {
            _version = await store.Write(_name, _version, collapsed);
        }
        finally
        {
            _writing.Release();
        }
    }


    /// <summary>Deletes every item of the partition.</summary>
    public async Task Clear()
    {
        await _writing.WaitAsync();
        try
        {
            await store.Clear(_name, _version);
            _version = 0;
        }
        finally
        {
            _writing.Release();
        }
    }
}
