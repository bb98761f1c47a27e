using Kinopio.Cluster.Tests.Infrastructure;
using Kinopio.Grains.Hosting;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// <c>kill -9</c> of one of two silos under a steady write load: every write the Api acknowledged
/// is present afterwards, no request waits longer than the response timeout (Kinopio:ResponseTimeout,
/// its default here) after the silo is declared dead, and once the cluster has settled every request succeeds.
/// </summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int UserCount = 60;
    private const int Workers = 12;
    private const int MaxWrites = 200_000;
    private const int WarmUpWrites = 1_000;
    private static readonly TimeSpan MaxLoadDuration = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Settled: the silo is declared Dead in the membership table, and this long has passed. The Api,
    /// an Orleans client, learns of the change a moment after the table says it (from its gateway's
    /// notification or its next read of the table); a request sent in that moment may still be
    /// routed to the dead silo and get one 503.
    /// </summary>
    private static readonly TimeSpan ClientLearnsOfDeath = TimeSpan.FromSeconds(2);

    /// <summary>The Api's own work and the scheduling of a loaded 2-core machine, on top of a grain call's response timeout.</summary>
    private static readonly TimeSpan RequestOverhead = TimeSpan.FromSeconds(2);

    /// <summary>How many writes the load goes on for after the cluster settled, every one expected to succeed.</summary>
    private const int SettledWrites = 1_000;

    [PostgresFact]
    public async Task No_acknowledged_write_is_lost_when_a_silo_is_killed_under_load()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, KinopioCluster.FastFailureDetection);
        var users = await SignUpAsync(cluster.Client);
        var load = new DescriptionWriteLoad(cluster.Client, users);
        using var stop = new CancellationTokenSource(MaxLoadDuration);
        var running = load.RunAsync(Workers, MaxWrites, stop.Token);

        await Poll.UntilAsync($"{WarmUpWrites} writes before the kill", TimeSpan.FromSeconds(60),
            () => Task.FromResult(load.Outcomes.Count >= WarmUpWrites));
        var killedAt = load.Elapsed;
        cluster.KillSilo(0);
        await Poll.UntilAsync("the killed silo declared Dead in the membership table", SettleTimeout,
            async () => await cluster.SiloStatusAsync(0) == KinopioCluster.SiloStatusDead);
        var declaredDeadAt = load.Elapsed;
        var settledAt = declaredDeadAt + ClientLearnsOfDeath;
        await Poll.UntilAsync($"{SettledWrites} writes after settling", SettleTimeout,
            () => Task.FromResult(load.Outcomes.Count(write => write.Started >= settledAt) >= SettledWrites));
        await stop.CancelAsync();
        await running;

        var outcomes = load.Outcomes.ToList();
        var beforeKill = outcomes.Where(write => write.Ended < killedAt).ToList();
        var failover = outcomes.Where(write => write.Ended >= killedAt && write.Started < settledAt).ToList();
        var settled = outcomes.Where(write => write.Started >= settledAt).ToList();
        var failures = failover.Where(write => !write.Acknowledged).ToList();
        var lost = await CountLostWritesAsync(cluster.Client, users, load);

        output.WriteLine($"writes: {outcomes.Count} sent, {outcomes.Count(write => write.Acknowledged)} acknowledged, over {UserCount} users by {Workers} workers");
        output.WriteLine($"before the kill: {beforeKill.Count} writes, {beforeKill.Count(write => !write.Acknowledged)} failed");
        output.WriteLine($"kill -9 of silo0 at {killedAt.TotalSeconds:0.0} s; declared Dead {(declaredDeadAt - killedAt).TotalSeconds:0.0} s later");
        output.WriteLine($"longest request: {outcomes.Max(Duration):0.0} s (bound: response timeout {ResponseTimeout.TotalSeconds:0} s plus detection)");
        output.WriteLine($"during failover: {failover.Count} writes, {failures.Count} failed ({Describe(failures)})"
            + (failures.Count == 0 ? "" : $", each took {failures.Min(Duration):0.0}–{failures.Max(Duration):0.0} s; "
                + $"failed writes started up to {(failures.Max(write => write.Started) - killedAt).TotalSeconds:0.0} s "
                + $"and ended up to {(failures.Max(write => write.Ended) - killedAt).TotalSeconds:0.0} s after the kill"));
        output.WriteLine($"after settling: {settled.Count} writes, {settled.Count(write => !write.Acknowledged)} failed");
        output.WriteLine($"read back: {users.Count} users, {lost} acknowledged writes missing");

        Assert.All(beforeKill, write => Assert.True(write.Acknowledged, $"a write failed before the kill: {write}"));
        // A call to the dead silo fails after the response timeout at the latest (Orleans' default, 30 s, would fail this).
        var longest = ResponseTimeout + (declaredDeadAt - killedAt) + RequestOverhead;
        Assert.All(outcomes, write => Assert.True(write.Ended - write.Started <= longest,
            $"a request waited {Duration(write):0.0} s, longer than the response timeout plus detection ({longest.TotalSeconds:0.0} s): {write}"));
        Assert.NotEmpty(settled);
        Assert.All(settled, write => Assert.True(write.Acknowledged, $"a write failed after the cluster settled: {write}"));
        Assert.Equal(0, lost);
    }

    private static async Task<List<SignedUpUser>> SignUpAsync(KinopioClient client)
    {
        var users = new SignedUpUser[UserCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, UserCount), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (index, _) => users[index] = await client.SignUpAsync($"load{index}@example.com", $"password-{index}"));
        return [.. users];
    }

    /// <summary>Users whose stored description is older than their last acknowledged write (or not one of ours).</summary>
    private async Task<int> CountLostWritesAsync(KinopioClient client, IReadOnlyList<SignedUpUser> users, DescriptionWriteLoad load)
    {
        var lost = 0;
        for (var index = 0; index < users.Count; index++)
        {
            var stored = DescriptionWriteLoad.NumberIn((await client.GetUserAsync(users[index].ApiKey)).GetProperty("description").GetString()) ?? 0;
            if (stored < load.LastAcknowledged(index) || stored > load.LastSent(index))
            {
                lost++;
                output.WriteLine($"user {index}: stored write #{stored}, last acknowledged #{load.LastAcknowledged(index)}, last sent #{load.LastSent(index)}");
            }
        }
        return lost;
    }

    private static readonly TimeSpan ResponseTimeout = new KinopioSettings().ResponseTimeout;

    private static double Duration(WriteOutcome write) => (write.Ended - write.Started).TotalSeconds;

    private static string Describe(IEnumerable<WriteOutcome> failures) =>
        string.Join(", ", failures.GroupBy(write => write.Status).OrderBy(group => group.Key)
            .Select(group => $"{group.Count()} × {(group.Key == WriteOutcome.NoAnswer ? "no answer" : group.Key.ToString())}"));
}
