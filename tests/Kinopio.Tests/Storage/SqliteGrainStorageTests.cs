using Kinopio.Grains.Accounts;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kinopio.Tests.Storage;

/// <summary>The embedded store: round trips, durability across instances, and ETag checks that refuse stale writes.</summary>
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private readonly string _path = Path.Combine(Path.GetTempPath(), "kinopio-tests", $"{Guid.NewGuid():N}.db");
    private readonly GrainId _grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));

    private readonly List<SqliteDatabase> _databases = [];

    /// <summary>A storage on its own database object (its own writer), on the test's file.</summary>
    private SqliteGrainStorage NewStorage()
    {
        var database = new SqliteDatabase(_path);
        _databases.Add(database);
        return new(database, Serializer);
    }

    private static GrainState<OwnerState> Owner(string? userId) => new(new OwnerState { UserId = userId });

    private async Task<GrainState<OwnerState>> Read(SqliteGrainStorage storage)
    {
        var state = Owner(null);
        await storage.ReadStateAsync("owner", _grain, state);
        return state;
    }

    [Fact]
    public async Task A_missing_record_reads_as_absent()
    {
        var state = await Read(NewStorage());
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_written_state_is_read_back_by_a_new_storage_on_the_same_file()
    {
        var state = Owner("ann");
        await NewStorage().WriteStateAsync("owner", _grain, state);
        state.State = new OwnerState { UserId = "bob" };
        await NewStorage().WriteStateAsync("owner", _grain, state);

        var read = await Read(NewStorage());
        Assert.True(read.RecordExists);
        Assert.Equal("bob", read.State!.UserId);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_does_not_overwrite()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("owner", _grain, Owner("ann"));
        var first = await Read(storage);
        var second = await Read(storage);

        first.State = new OwnerState { UserId = "first" };
        await storage.WriteStateAsync("owner", _grain, first);
        second.State = new OwnerState { UserId = "second" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("owner", _grain, second));

        Assert.Equal("first", (await Read(storage)).State!.UserId);
    }

    [Fact]
    public async Task Creating_a_record_that_exists_already_fails()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("owner", _grain, Owner("ann"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("owner", _grain, Owner("bob")));
        Assert.Equal("ann", (await Read(storage)).State!.UserId);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_refuses_a_stale_etag()
    {
        var storage = NewStorage();
        var state = Owner("ann");
        await storage.WriteStateAsync("owner", _grain, state);
        var stale = await Read(storage);
        await storage.WriteStateAsync("owner", _grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("owner", _grain, stale));
        await storage.ClearStateAsync("owner", _grain, state);

        Assert.False((await Read(storage)).RecordExists);
        Assert.Null(state.ETag);
        await storage.WriteStateAsync("owner", _grain, state);
        Assert.True((await Read(storage)).RecordExists);
    }

    [Fact]
    public async Task States_of_different_grains_and_names_are_kept_apart()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("owner", _grain, Owner("ann"));
        await storage.WriteStateAsync("other", _grain, Owner("bob"));
        await storage.WriteStateAsync("owner", GrainId.Create("user", "another"), Owner("cat"));

        Assert.Equal("ann", (await Read(storage)).State!.UserId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
            await database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
            File.Delete(file);
    }
}
