using System.Text;
using Kinopio.Grains.Storage;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Kinopio.Tests.Storage;

/// <summary>Items in the embedded file: order of first storage, upserts in place, atomic multi-item writes, stale versions refused.</summary>
public sealed class SqliteItemStoreTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kinopio-tests", $"{Guid.NewGuid():N}.db");
    private SqliteDatabase _database = null!;
    private SqliteItemStore _store = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(_path);
        _store = new SqliteItemStore(_database);
        return Task.CompletedTask;
    }

    private static ItemChange Put(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    private async Task<List<string>> Items(string partition) =>
        (await _store.Read(partition)).Items.Select(item => $"{item.Key}={Encoding.UTF8.GetString(item.Value)}").ToList();

    [Fact]
    public async Task A_partition_nobody_wrote_reads_empty_at_version_0()
    {
        var read = await _store.Read("space/none");
        Assert.Equal(0, read.Version);
        Assert.Empty(read.Items);
    }

    [Fact]
    public async Task Items_read_back_in_the_order_first_stored_and_an_update_keeps_its_place()
    {
        var version = await _store.Write("space/a", 0, [Put("card/1", "one"), Put("card/2", "two")]);
        version = await _store.Write("space/a", version, [Put("card/3", "three"), Put("card/1", "ONE")]);
        version = await _store.Write("space/a", version, [ItemChange.Delete("card/2")]);

        Assert.Equal(3, version);
        Assert.Equal(["card/1=ONE", "card/3=three"], await Items("space/a"));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_applies_none_of_its_changes()
    {
        await _store.Write("space/b", 0, [Put("card/1", "one")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Write("space/b", 0, [Put("card/2", "two"), ItemChange.Delete("card/1")]));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Write("space/b", 5, [Put("card/2", "two")]));
        Assert.Equal(["card/1=one"], await Items("space/b"));
    }

    [Fact]
    public async Task Partitions_are_kept_apart()
    {
        await _store.Write("space/c", 0, [Put("card/1", "c")]);
        await _store.Write("space/d", 0, [Put("card/1", "d")]);

        Assert.Equal(["card/1=c"], await Items("space/c"));
        Assert.Equal(["card/1=d"], await Items("space/d"));
    }

    [Fact]
    public async Task Clear_deletes_every_item_unless_the_version_is_stale()
    {
        var version = await _store.Write("space/e", 0, [Put("card/1", "one"), Put("card/2", "two")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Clear("space/e", version + 1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.Clear("space/e", 0));
        await _store.Clear("space/e", version);

        Assert.Equal(0, (await _store.Read("space/e")).Version);
        Assert.Empty(await Items("space/e"));
        Assert.Equal(1, await _store.Write("space/e", 0, [Put("card/9", "new")]));
    }

    [Fact]
    public async Task Items_survive_a_new_database_on_the_same_file()
    {
        await _store.Write("user/f", 0, [Put("space/1", "s")]);
        await _database.DisposeAsync();
        _database = new SqliteDatabase(_path);
        _store = new SqliteItemStore(_database);

        Assert.Equal(["space/1=s"], await Items("user/f"));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
            File.Delete(file);
    }
}
