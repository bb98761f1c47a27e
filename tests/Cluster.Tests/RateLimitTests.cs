using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Contract §3: a user's token bucket lives in that user's grain, so the limit holds across every
/// Api front end of the cluster. Two silos and two Api processes on the default limits (5 per
/// second, 30 s block): requests of one user, through each front end in turn, until the first 429:
/// the five tokens and no more than refilled meanwhile pass (in a quick run exactly five, though
/// neither front end alone saw more than three), then every front end refuses the user.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    /// <summary>The contract's defaults, which the processes run on here (nothing raises them).</summary>
    private const int PermitsPerSecond = 5;
    private const int BlockSeconds = 30;

    /// <summary>
    /// Up to this span between sending the first request and receiving the last, the bucket cannot
    /// have refilled a token (that takes 1/5 s), so exactly the sixth request must be refused.
    /// </summary>
    private static readonly TimeSpan NoRefillWindow = TimeSpan.FromMilliseconds(150);

    [PostgresFact]
    public async Task A_users_rate_limit_holds_across_two_api_front_ends()
    {
        await using var cluster = await KinopioCluster.StartAsync(output, apiCount: 2, rateLimits: RateLimits.Default);
        var frontEnds = cluster.Clients;

        // Sign-up is anonymous: the gate takes its token from the bucket of the client address
        // (127.0.0.1, one ClientGrain whichever front end answers), not from the new user's bucket,
        // which starts full.
        var user = await frontEnds[0].SignUpAsync("limited@example.com", "password-limited");
        var stranger = await frontEnds[1].SignUpAsync("stranger@example.com", "password-stranger");

        // Warm both front ends on the measured path (connection, apiKey lookup, UserGrain call, JSON,
        // and the 429 answer) with the other user's key: that costs the other user's bucket, not ours.
        // Our key's own lookup cannot be warmed for free (every request with a valid key costs a token).
        var warmUp = await SendInterleavedAsync(frontEnds, stranger.ApiKey, PermitsPerSecond + 2);
        output.WriteLine($"warm-up with another user's key: {Describe(warmUp)}");

        // Requests until the first 429 (a burst far beyond what the bucket refills while it runs).
        var clock = Stopwatch.StartNew();
        var sent = await Burst.UntilRefusedAsync(index => SendAsync(frontEnds, index, user.ApiKey, clock),
            request => request.Answer.Status == HttpStatusCode.TooManyRequests);
        var elapsed = sent[^1].Ended - sent[0].Started;
        output.WriteLine($"{sent.Count} requests of one user in {elapsed.TotalMilliseconds:0.0} ms: {Describe(sent)}");

        var firstRefused = sent.Count - 1;
        Assert.All(sent[..firstRefused], request => Assert.Equal(user.Id, Json(request.Answer).GetProperty("id").GetString()));
        AssertRateLimited(sent[firstRefused].Answer);
        // The bucket was full (the sign-ups cost the address's bucket): its five tokens pass, and at
        // most what refilled while the burst ran. Within the no-refill window, exactly five.
        Assert.InRange(firstRefused, PermitsPerSecond, Burst.MostAdmitted(PermitsPerSecond, elapsed));
        if (elapsed <= NoRefillWindow)
        {
            // The five tokens went to the first five (three through api0, two through api1); the sixth,
            // api1's third, found the bucket empty and started the block.
            Assert.Equal(PermitsPerSecond, firstRefused);
            Assert.Equal(BlockSeconds.ToString(), sent[firstRefused].Answer.RetryAfter);
        }

        // The block is the user's, in the grain: every front end refuses it, the one that did not
        // answer the first 429 included. The client address's bucket is another: anonymous requests
        // from the same address still pass.
        var otherFrontEnd = 1 - sent[firstRefused].FrontEnd;
        var blocked = await frontEnds[otherFrontEnd].GetAsync("/user", user.ApiKey);
        AssertRateLimited(blocked);
        var anonymous = await frontEnds[otherFrontEnd].GetAsync($"/user/public/{user.Id}", apiKey: null);
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        output.WriteLine($"then api{otherFrontEnd}: the user's key {(int)blocked.Status} (Retry-After {blocked.RetryAfter}), "
            + $"an anonymous request from the same address {(int)anonymous.Status}");
    }

    private static async Task<List<Sent>> SendInterleavedAsync(IReadOnlyList<KinopioClient> frontEnds, string apiKey, int count)
    {
        var sent = new List<Sent>(count);
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < count; index++)
            sent.Add(await SendAsync(frontEnds, index, apiKey, clock));
        return sent;
    }

    /// <summary>Request <paramref name="index"/> of a run: <c>GET /user</c> through the front ends in turn.</summary>
    private static async Task<Sent> SendAsync(IReadOnlyList<KinopioClient> frontEnds, int index, string apiKey, Stopwatch clock)
    {
        var frontEnd = index % frontEnds.Count;
        var started = clock.Elapsed;
        var answer = await frontEnds[frontEnd].GetAsync("/user", apiKey);
        return new Sent(frontEnd, started, clock.Elapsed, answer);
    }

    private static void AssertRateLimited(Answer answer)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.NotNull(answer.RetryAfter);
        Assert.InRange(int.Parse(answer.RetryAfter), 1, BlockSeconds);
        var body = Json(answer);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        Assert.Equal("rate limited", body.GetProperty("type").GetString());
    }

    private static JsonElement Json(Answer answer) => JsonDocument.Parse(answer.Body).RootElement.Clone();

    private static string Describe(IEnumerable<Sent> sent) => string.Join(", ", sent.Select(request =>
        $"api{request.FrontEnd} {(int)request.Answer.Status} at {request.Started.TotalMilliseconds:0.0}–{request.Ended.TotalMilliseconds:0.0} ms"
        + (request.Answer.RetryAfter is { } retryAfter ? $" (Retry-After {retryAfter})" : "")));

    private sealed record Sent(int FrontEnd, TimeSpan Started, TimeSpan Ended, Answer Answer);
}
