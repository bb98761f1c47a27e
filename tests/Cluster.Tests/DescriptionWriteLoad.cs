using System.Collections.Concurrent;
using System.Diagnostics;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Steady PATCH /user traffic over many users. Each user's writes are numbered and sent one at a
/// time, so afterwards every user's description must carry at least its last acknowledged number.
/// Bounded by a write count and by the caller's stop token (checked between writes: a write in
/// flight is always awaited, so its outcome is known).
/// </summary>
internal sealed class DescriptionWriteLoad(KinopioClient client, IReadOnlyList<SignedUpUser> users)
{
    private const string Prefix = "write #";
    private readonly int[] lastSent = new int[users.Count];
    private readonly int[] lastAcknowledged = new int[users.Count];
    private readonly ConcurrentQueue<WriteOutcome> outcomes = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int started;

    /// <summary>Time since the load was created: the clock every outcome is stamped with.</summary>
    public TimeSpan Elapsed => clock.Elapsed;
    public IReadOnlyCollection<WriteOutcome> Outcomes => outcomes;
    public int LastSent(int user) => Volatile.Read(ref lastSent[user]);
    public int LastAcknowledged(int user) => Volatile.Read(ref lastAcknowledged[user]);

    public static int? NumberIn(string? description) =>
        description is not null && description.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(description[Prefix.Length..], out var number)
            ? number
            : null;

    public Task RunAsync(int workers, int maxWrites, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, workers, maxWrites, stop))));

    /// <summary>One worker owns the users worker, worker + workers, …: never two writes of one user at once.</summary>
    private async Task WorkAsync(int worker, int workers, int maxWrites, CancellationToken stop)
    {
        while (true)
        {
            for (var user = worker; user < users.Count; user += workers)
            {
                if (stop.IsCancellationRequested || Interlocked.Increment(ref started) > maxWrites)
                    return;
                var number = lastSent[user] + 1;
                Volatile.Write(ref lastSent[user], number);
                var startedAt = clock.Elapsed;
                int status;
                try
                {
                    status = (int)await client.PatchDescriptionAsync(users[user].ApiKey, Prefix + number);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = WriteOutcome.NoAnswer;
                }
                if (WriteOutcome.IsSuccess(status))
                    Volatile.Write(ref lastAcknowledged[user], number);
                outcomes.Enqueue(new WriteOutcome(startedAt, clock.Elapsed, status));
            }
        }
    }
}

/// <summary>One write: when it started and ended on the load's clock, and the HTTP status (0: no answer).</summary>
internal sealed record WriteOutcome(TimeSpan Started, TimeSpan Ended, int Status)
{
    public const int NoAnswer = 0;
    public bool Acknowledged => IsSuccess(Status);
    public static bool IsSuccess(int status) => status is >= 200 and < 300;
}
