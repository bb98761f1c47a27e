using Kinopio.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Kinopio.Tests.Storage;

/// <summary>Grouped commits: the writes waiting together share one commit, and one that fails fails alone.</summary>
public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kinopio-tests", $"{Guid.NewGuid():N}.db");
    private SqliteDatabase _database = null!;
    private readonly List<int> _commits = [];

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_path);
        _database.Committed += (writes, _) =>
        {
            lock (_commits)
                _commits.Add(writes);
        };
        await _database.Write(connection => Execute(connection, "CREATE TABLE note (text TEXT NOT NULL)"));
        lock (_commits)
            _commits.Clear();
    }

    [Fact]
    public async Task Writes_that_wait_while_the_writer_is_busy_are_committed_together()
    {
        var (busy, release) = HoldTheWriter();
        var writes = Enumerable.Range(0, 50).Select(i => _database.Write(connection => Execute(connection, $"INSERT INTO note VALUES ('w{i}')"))).ToList();
        release();
        await busy;
        await Task.WhenAll(writes);

        Assert.Equal([1, 50], Commits());
        Assert.Equal(50, await Count("w%"));
    }

    [Fact]
    public async Task A_write_that_fails_fails_alone_and_leaves_nothing_while_its_group_commits()
    {
        var (busy, release) = HoldTheWriter();
        var before = _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('before')"));
        var failing = _database.Write<int>(connection =>
        {
            Execute(connection, "INSERT INTO note VALUES ('half')");
            throw new InvalidOperationException("refused half way");
        });
        var after = _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('after')"));
        release();
        await busy;

        await before;
        await after;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal([1, 3], Commits());
        Assert.Equal(0, await Count("half"));
        Assert.Equal(1, await Count("before"));
        Assert.Equal(1, await Count("after"));
    }

    [Fact]
    public async Task A_group_whose_transaction_fails_fails_every_write_in_it_and_keeps_none_and_the_next_group_commits()
    {
        var (busy, release) = HoldTheWriter();
        var before = _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('lost-before')"));
        var breaking = _database.Write(connection => Execute(connection, "ROLLBACK"));
        var after = _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('lost-after')"));
        release();
        await busy;

        await Assert.ThrowsAnyAsync<Exception>(() => before);
        await Assert.ThrowsAnyAsync<Exception>(() => breaking);
        await Assert.ThrowsAnyAsync<Exception>(() => after);
        Assert.Equal(0, await Count("lost-%"));
        await _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('next')"));
        Assert.Equal(1, await Count("next"));
    }

    [Fact]
    public async Task A_write_is_answered_only_once_it_is_on_disk()
    {
        await _database.Write(connection => Execute(connection, "INSERT INTO note VALUES ('durable')"));

        await using var other = new SqliteConnection($"Data Source={_path};Pooling=False");
        await other.OpenAsync();
        await using var command = other.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM note WHERE text = 'durable'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    /// <summary>A write that blocks the writer (inside its commit) until released, so that others queue up behind it.</summary>
    private (Task Busy, Action Release) HoldTheWriter()
    {
        var started = new ManualResetEventSlim();
        var gate = new ManualResetEventSlim();
        var busy = _database.Write(_ =>
        {
            started.Set();
            gate.Wait();
            return 0;
        });
        started.Wait();
        return (busy, gate.Set);
    }

    private List<int> Commits()
    {
        lock (_commits)
            return [.. _commits];
    }

    private Task<long> Count(string like) => _database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM note WHERE text LIKE $like";
        command.Parameters.AddWithValue("$like", like);
        return (long)command.ExecuteScalar()!;
    });

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
            File.Delete(file);
    }
}
