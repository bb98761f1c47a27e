using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Kinopio.Grains.Storage;

/// <summary>
/// The embedded mode's SQLite file, written by one writer in grouped commits: every write waiting
/// when the writer is free goes into one transaction and one fsync, each in a savepoint of its own,
/// so a write that fails (a stale version) fails alone and the others commit. A caller is answered
/// only after the commit that holds its write; a failed commit fails exactly the writes in it.
/// Reads use pooled connections beside the writer (WAL: readers never wait on the writer).
/// The files are private (<see cref="PrivateFiles"/>), and what a write replaces is overwritten with
/// zeros (<c>secure_delete</c>): an old copy of a record (an apiKey stored before it was encrypted)
/// does not linger in free space.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>The most writes one commit takes, so one transaction never grows without bound.</summary>
    public const int MaxWritesPerCommit = 512;

    /// <summary>The files SQLite keeps beside the database in WAL mode (left by an older server, they may be readable by others).</summary>
    public static readonly string[] CompanionSuffixes = ["-wal", "-shm"];

    private readonly string _connectionString;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly Task _writing;

    public SqliteDatabase(string path)
    {
        // Private before SQLite opens it: the -wal and -shm files it makes take the database file's mode.
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PrivateFiles.EnsureFile(path);
        foreach (var companion in CompanionSuffixes)
            PrivateFiles.Restrict(path + companion);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 5000;
            PRAGMA secure_delete = ON;
            """);
        Execute(_writer, SqliteSchema.Sql);
        _writing = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Called after each grouped commit with the number of writes it held and how long it took (metrics).</summary>
    public event Action<int, TimeSpan>? Committed;

    /// <summary>
    /// Runs <paramref name="write"/> inside the next grouped commit and answers its result once that
    /// commit is durable. The write runs on the writer's thread: it must only issue statements.
    /// </summary>
    public Task<T> Write<T>(Func<SqliteConnection, T> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        return pending.Completion.Task;
    }

    /// <summary>Runs a read on a pooled connection of its own.</summary>
    public async Task<T> Read<T>(Func<SqliteConnection, T> read)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return read(connection);
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var applied = new List<PendingWrite>(batch.Count);
        try
        {
            using var transaction = _writer.BeginTransaction();
            foreach (var pending in batch)
            {
                Execute(_writer, "SAVEPOINT one_write");
                try
                {
                    pending.Run(_writer);
                    Execute(_writer, "RELEASE one_write");
                    applied.Add(pending);
                }
                catch (Exception e)
                {
                    Execute(_writer, "ROLLBACK TO one_write; RELEASE one_write");
                    pending.Fail(e);
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // The commit failed (or never began): none of its writes is durable. Those that already
            // failed on their own keep their own error.
            foreach (var pending in batch)
                pending.Fail(e);
            return;
        }

        foreach (var pending in applied)
            pending.Succeed();
        Committed?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
        await _writer.DisposeAsync();
        // Closes the pooled connections too: the last one to close checkpoints the WAL into the
        // database and deletes it, old frames included, rather than leaving it for the next start.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection);
        public abstract void Succeed();
        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write) : PendingWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection) => _result = write(connection);
        public override void Succeed() => Completion.TrySetResult(_result!);
        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
