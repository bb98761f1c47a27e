using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kinopio.Cluster.Tests.Infrastructure;
using Xunit.Sdk;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Behaviours only a real Kestrel shows (the in-memory TestServer does not model them), on one
/// shared cluster with the DEFAULT rate limits (5 per second, 30 s block), contract §1 and §3:
/// WebSocket upgrade headers on a route other than the root buy no way around the rate limit, and
/// a chunked body over 1 MiB on <c>PATCH /user</c> answers 413 for one token, changing nothing and
/// logging no failure.
/// The anonymous bucket is per client address: the upgrade-headers test sends from addresses of
/// its own (127.0.0.2 measured, 127.0.0.3 warm-up), so it finds a fresh bucket whatever ran
/// before it, and the sign-ups (anonymous, from the harness's 127.0.0.1) cannot be refused by the
/// block it starts. The tests may run in any order.
/// </summary>
public sealed class KestrelEdgeTests(KestrelEdgeCluster fixture, ITestOutputHelper output) : IClassFixture<KestrelEdgeCluster>
{
    private const int PermitsPerSecond = 5;
    private const int BlockSeconds = 30;

    /// <summary>Up to this span from the first request sent to the last answered, no token can have refilled (that takes 1/5 s).</summary>
    private static readonly TimeSpan NoRefillWindow = TimeSpan.FromMilliseconds(150);

    private static readonly IPAddress MeasuredAddress = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress WarmUpAddress = IPAddress.Parse("127.0.0.3");

    /// <summary>Over the 1 MiB limit (Kestrel's MaxRequestBodySize and JsonBody.MaxBytes) by 64 KiB.</summary>
    private const int OversizedBodyBytes = 1024 * 1024 + 64 * 1024;

    [PostgresFact]
    public async Task WebSocket_upgrade_headers_on_another_route_are_rate_limited_like_any_request()
    {
        var cluster = fixture.Start(output);
        // Anonymous, from 127.0.0.1: not the bucket measured here.
        var target = await cluster.Client.SignUpAsync("upgrade-headers@example.com", "password-upgrade");
        var path = $"/user/public/{target.Id}";

        // Warm the path (connection, upgradable request, ClientGrain, JSON, the 429 answer) from another address.
        using (var warmUpClient = LoopbackSource.Client(WarmUpAddress))
        {
            var warmUp = await SendWithUpgradeHeadersAsync(warmUpClient, cluster.ApiUri(0), path, PermitsPerSecond + 1);
            output.WriteLine($"warm-up from {WarmUpAddress}: {Describe(warmUp)}");
        }

        using var client = LoopbackSource.Client(MeasuredAddress);
        var clock = Stopwatch.StartNew();
        var sent = await Burst.UntilRefusedAsync(_ => SendWithUpgradeHeadersAsync(client, cluster.ApiUri(0), path, clock),
            request => request.Reply.Status == HttpStatusCode.TooManyRequests);
        var elapsed = sent[^1].Ended - sent[0].Started;
        output.WriteLine($"{sent.Count} GET {path} with WebSocket upgrade headers from {MeasuredAddress} in "
            + $"{elapsed.TotalMilliseconds:0.0} ms: {Describe(sent)}");

        var firstRefused = sent.Count - 1;
        Assert.All(sent[..firstRefused], request => Assert.Equal(target.Id, Json(request.Reply).GetProperty("id").GetString()));
        AssertRateLimited(sent[firstRefused].Reply);
        // A fresh address bucket: its five tokens pass, and at most what refilled while the burst ran.
        Assert.InRange(firstRefused, PermitsPerSecond, Burst.MostAdmitted(PermitsPerSecond, elapsed));
        if (elapsed <= NoRefillWindow)
        {
            Assert.Equal(PermitsPerSecond, firstRefused);
            Assert.Equal(BlockSeconds.ToString(), sent[firstRefused].Reply.RetryAfter);
        }

        // The same headers at the root are the realtime upgrade, and that one is free: it still
        // switches protocols from the blocked address (so these headers do make a WebSocket request).
        using (var upgrade = await SendAsync(client, UpgradeRequests.To(cluster.ApiUri(0), "/")))
        {
            Assert.Equal(HttpStatusCode.SwitchingProtocols, upgrade.StatusCode);
            using var socket = WebSocket.CreateFromStream(await upgrade.Content.ReadAsStreamAsync(), new WebSocketCreationOptions());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
        // The block stands for the route; another address (the harness's 127.0.0.1) is not blocked.
        var stillBlocked = (await SendWithUpgradeHeadersAsync(client, cluster.ApiUri(0), path, 1)).Single().Reply;
        AssertRateLimited(stillBlocked);
        var otherAddress = await cluster.Client.GetAsync(path, apiKey: null);
        Assert.Equal(HttpStatusCode.OK, otherAddress.Status);
        output.WriteLine($"then from {MeasuredAddress}: the upgrade at / 101, GET {path} with the headers again "
            + $"{(int)stillBlocked.Status} (Retry-After {stillBlocked.RetryAfter}); from 127.0.0.1: {(int)otherAddress.Status}");
    }

    [PostgresFact]
    public async Task A_chunked_body_over_1_MiB_answers_413_for_one_token_changes_nothing_and_logs_no_failure()
    {
        var cluster = fixture.Start(output);
        var user = await cluster.Client.SignUpAsync("chunked@example.com", "password-chunked");
        var stranger = await cluster.Client.SignUpAsync("chunked-stranger@example.com", "password-chunked");
        var logStart = cluster.ApiOutput(0).Count;

        List<Sent> sent;
        using (var http = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(45) })
        {
            // Warm exactly the measured path with another user's key (that costs the other user's bucket).
            var warmUp = await SendOversizedThenGetsAsync(http, cluster.ApiUri(0), stranger.ApiKey);
            output.WriteLine($"warm-up with another user's key: {Describe(warmUp)}");
            sent = await SendOversizedThenGetsAsync(http, cluster.ApiUri(0), user.ApiKey);
        }
        var elapsed = sent[^1].Ended - sent[0].Started;
        output.WriteLine($"4 chunked PATCH /user of {OversizedBodyBytes} bytes, then 2 GET /user, of one user in "
            + $"{elapsed.TotalMilliseconds:0.0} ms: {Describe(sent)}");

        // The user's bucket was full (sign-up costs the address's bucket, not the user's): if each
        // 413 costs exactly one token, the four PATCHes and the first GET take all five.
        var patches = sent[..4];
        Assert.All(patches, patch =>
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, patch.Reply.Status);
            Assert.Equal("application/json", patch.Reply.ContentType);
            var body = Json(patch.Reply);
            Assert.Equal(413, body.GetProperty("status").GetInt32());
            Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        });
        var read = sent[4].Reply;
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var after = Json(read);
        foreach (var attribute in new[] { "id", "name", "description", "updatedAt" })
            Assert.Equal(user.Json.GetProperty(attribute).ToString(), after.GetProperty(attribute).ToString());

        var last = sent[5].Reply;
        if (elapsed <= NoRefillWindow)
        {
            AssertRateLimited(last);
            Assert.Equal(BlockSeconds.ToString(), last.RetryAfter);
        }
        else
        {
            output.WriteLine($"slower than {NoRefillWindow.TotalMilliseconds:0} ms: a token may have refilled, the last GET may pass");
            if (last.Status == HttpStatusCode.OK)
                Assert.True(elapsed.TotalSeconds * PermitsPerSecond >= 1, "6 requests passed though not one token could refill");
            else
                AssertRateLimited(last);
        }

        // Kestrel's BadHttpRequestException (413) is caught and answered, not logged as a failure.
        // A marker request after the connections closed: once its line is out, so is everything before.
        var marker = $"/health/live?after-chunked={Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, await cluster.Client.GetStatusAsync(marker));
        await Poll.UntilAsync($"the Api to log the end of GET {marker}", TimeSpan.FromSeconds(10),
            () => Task.FromResult(cluster.ApiOutput(0).Skip(logStart).Any(line => line.Contains("Request finished") && line.Contains(marker))));
        var logged = cluster.ApiOutput(0).Skip(logStart).ToList();
        // The server saw no Content-Length (the last field of the line is "-"): Kestrel's own limit stopped the chunked body.
        Assert.Equal(8, logged.Count(line => line.Contains("Request starting HTTP/1.1 PATCH") && line.EndsWith("/user - application/json -")));
        var finished413 = logged.Count(line => line.Contains("Request finished HTTP/1.1 PATCH") && line.Contains("/user - 413"));
        Assert.Equal(8, finished413);
        var failures = logged.Where(line => line.StartsWith("fail:") || line.StartsWith("crit:")
            || line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)
            || line.Contains("BadHttpRequestException")).ToList();
        output.WriteLine($"api0 printed {logged.Count} lines meanwhile ({finished413} PATCH /user 413 finished), "
            + $"{logged.Count(line => line.StartsWith("warn:"))} warn:, {failures.Count} failure lines");
        Assert.True(failures.Count == 0, "the Api logged a failure:" + Environment.NewLine + string.Join(Environment.NewLine, logged));
    }

    [PostgresFact]
    public Task A_frame_that_breaks_RFC_6455_closes_the_socket_with_1002_and_no_reset_takes_the_close_frame_away() =>
        // A ping that is not final (RFC 6455 §5.5: control frames are never fragmented), masked with a zero key.
        // .NET marks such a socket aborted, and ASP.NET Core's abort is a TCP reset.
        AssertClosedAndNoResetFollowsAsync(new byte[] { 0x09, 0x81, 0, 0, 0, 0, (byte)'p' }, WebSocketCloseStatus.ProtocolError, reason: "");

    [PostgresFact]
    public Task A_frame_over_64_KiB_closes_the_socket_with_1009_and_no_reset_takes_the_close_frame_away()
    {
        // A final text frame of 128 KiB, masked with a zero key: the server reads 64 KiB of it and closes,
        // and the kernel resets a connection closed with the other 64 KiB unread.
        const int length = 128 * 1024;
        var frame = new byte[2 + 8 + 4 + length];
        frame[0] = 0x81;
        frame[1] = 0x80 | 127;
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2, 8), length);
        frame.AsSpan(2 + 8 + 4).Fill((byte)'x');
        return AssertClosedAndNoResetFollowsAsync(frame, WebSocketCloseStatus.MessageTooBig, "messages are at most 64 KiB");
    }

    /// <summary>
    /// Sends <paramref name="frame"/> on a raw upgraded connection and reads the close frame the server
    /// answers. A reset would drop that frame from a client that had not read it yet: the server holds
    /// the connection until the client closes (here: for half a second, nothing more comes, neither data
    /// nor a reset).
    /// </summary>
    private async Task AssertClosedAndNoResetFollowsAsync(byte[] frame, WebSocketCloseStatus status, string reason)
    {
        var cluster = fixture.Start(output);
        using var http = new HttpClient(new SocketsHttpHandler());
        using var upgrade = await SendAsync(http, UpgradeRequests.To(cluster.ApiUri(0), "/"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, upgrade.StatusCode);
        await using var stream = await upgrade.Content.ReadAsStreamAsync();

        await stream.WriteAsync(frame);
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        var expected = new byte[4 + reasonBytes.Length];
        expected[0] = 0x88; // a final close frame, unmasked
        expected[1] = (byte)(2 + reasonBytes.Length);
        BinaryPrimitives.WriteUInt16BigEndian(expected.AsSpan(2, 2), (ushort)status);
        reasonBytes.CopyTo(expected, 4);
        var close = new byte[expected.Length];
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await stream.ReadExactlyAsync(close, timeout.Token);
        Assert.Equal(expected, close);

        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.ReadExactlyAsync(new byte[1], quiet.Token));
    }

    /// <summary>Four <c>PATCH /user</c> with a chunked body over 1 MiB, then two <c>GET /user</c>, as fast as they go.</summary>
    private static async Task<List<Sent>> SendOversizedThenGetsAsync(HttpClient http, Uri api, string apiKey)
    {
        var sent = new List<Sent>(6);
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < 6; index++)
        {
            var request = index < 4
                ? new HttpRequestMessage(HttpMethod.Patch, new Uri(api, "/user")) { Content = new OversizedJsonContent(OversizedBodyBytes) }
                : new HttpRequestMessage(HttpMethod.Get, new Uri(api, "/user"));
            request.Headers.TryAddWithoutValidation("Authorization", apiKey);
            if (request.Content is not null)
            {
                Assert.Null(request.Content.Headers.ContentLength);
                request.Headers.TransferEncodingChunked = true;
            }
            var started = clock.Elapsed;
            using var response = await SendAsync(http, request);
            sent.Add(new Sent(started, clock.Elapsed, await ReplyAsync(response)));
        }
        return sent;
    }

    /// <summary><paramref name="count"/> GETs of <paramref name="path"/>, each carrying a WebSocket upgrade's headers, one after the other.</summary>
    private static async Task<List<Sent>> SendWithUpgradeHeadersAsync(HttpClient http, Uri api, string path, int count)
    {
        var sent = new List<Sent>(count);
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < count; index++)
            sent.Add(await SendWithUpgradeHeadersAsync(http, api, path, clock));
        return sent;
    }

    private static async Task<Sent> SendWithUpgradeHeadersAsync(HttpClient http, Uri api, string path, Stopwatch clock)
    {
        var started = clock.Elapsed;
        using var response = await SendAsync(http, UpgradeRequests.To(api, path));
        return new Sent(started, clock.Elapsed, await ReplyAsync(response));
    }


    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request) =>
        http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

    private static async Task<Reply> ReplyAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null,
        response.Content.Headers.ContentType?.MediaType,
        await response.Content.ReadAsStringAsync());

    private static void AssertRateLimited(Reply reply)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
        Assert.NotNull(reply.RetryAfter);
        Assert.InRange(int.Parse(reply.RetryAfter), 1, BlockSeconds);
        Assert.Equal("application/json", reply.ContentType);
        var body = Json(reply);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        Assert.Equal("rate limited", body.GetProperty("type").GetString());
    }

    private static JsonElement Json(Reply reply) => JsonDocument.Parse(reply.Body).RootElement.Clone();

    private static string Describe(IEnumerable<Sent> sent) => string.Join(", ", sent.Select(request =>
        $"{(int)request.Reply.Status} at {request.Started.TotalMilliseconds:0.0}–{request.Ended.TotalMilliseconds:0.0} ms"
        + (request.Reply.RetryAfter is { } retryAfter ? $" (Retry-After {retryAfter})" : "")));

    private sealed record Reply(HttpStatusCode Status, string? RetryAfter, string? ContentType, string Body);

    private sealed record Sent(TimeSpan Started, TimeSpan Ended, Reply Reply);

    /// <summary>
    /// <c>{"description":"…"}</c> padded with whitespace to <paramref name="size"/> bytes: valid JSON
    /// and a valid patch but for its size. No length: sent chunked, the server sees no Content-Length.
    /// </summary>
    private sealed class OversizedJsonContent : HttpContent
    {
        private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"description\":\"set by a body over 1 MiB\"");
        private static readonly byte[] End = Encoding.UTF8.GetBytes("}");
        private readonly int size;

        public OversizedJsonContent(int size)
        {
            this.size = size;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var padding = new byte[16 * 1024];
            Array.Fill(padding, (byte)' ');
            await stream.WriteAsync(Start);
            for (var left = size - Start.Length - End.Length; left > 0; left -= padding.Length)
                await stream.WriteAsync(padding.AsMemory(0, Math.Min(left, padding.Length)));
            await stream.WriteAsync(End);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>
/// One cluster for all <see cref="KestrelEdgeTests"/>: two silos, one Api, DEFAULT rate limits,
/// and the Api logging each request's start and end (the chunked-body test waits for a request's
/// line to know the Api's output has caught up).
/// </summary>
public sealed class KestrelEdgeCluster(IMessageSink diagnostics) : IAsyncLifetime
{
    private readonly StartOutput startOutput = new(diagnostics);
    private KinopioCluster? cluster;

    /// <summary>The started cluster; its start lines go to the first test's output too.</summary>
    internal KinopioCluster Start(ITestOutputHelper output)
    {
        foreach (var line in startOutput.TakeLines())
            output.WriteLine($"[shared cluster] {line}");
        return cluster ?? throw new InvalidOperationException("the shared cluster did not start (PostgreSQL binaries missing?)");
    }

    public async Task InitializeAsync()
    {
        // Without PostgreSQL every test of the class is skipped (PostgresFact): nothing to start.
        if (PostgresServer.FindBinDirectory() is null)
            return;
        cluster = await KinopioCluster.StartAsync(startOutput, apiCount: 1, rateLimits: RateLimits.Default,
            apiSettings: new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
            await cluster.DisposeAsync();
    }

    /// <summary>What the harness writes outside a test: to the runner's diagnostics, and kept for the next test's output.</summary>
    private sealed class StartOutput(IMessageSink diagnostics) : ITestOutputHelper
    {
        private readonly List<string> lines = [];

        public void WriteLine(string message)
        {
            lock (lines)
                lines.Add(message);
            diagnostics.OnMessage(new DiagnosticMessage(message));
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(format, args));

        public List<string> TakeLines()
        {
            lock (lines)
            {
                var taken = lines.ToList();
                lines.Clear();
                return taken;
            }
        }
    }
}
