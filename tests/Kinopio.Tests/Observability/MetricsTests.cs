using System.Net;
using Kinopio.Api.Observability;
using Kinopio.Grains.Telemetry;
using Kinopio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Observability;

/// <summary>
/// <c>/metrics</c> of the embedded server (on by default), scraped and parsed after known requests: each
/// count is exactly what the test caused. Default limits, so 429s happen; every client address is new.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond: 5);
    private readonly KinopioClient _client;
    private int _addresses;

    public MetricsTests() => _client = new KinopioClient(_host.CreateClient());

    private string NewAddress() => $"10.9.{Interlocked.Increment(ref _addresses) / 250}.{_addresses % 250 + 1}";

    private async Task<MetricsScrape> Scrape()
    {
        // From an address of its own: the scrape costs a token like any request.
        var answer = await _client.Send(HttpMethod.Get, "/metrics", clientAddress: NewAddress());
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return MetricsScrape.Parse(answer.Text);
    }

    [Fact]
    public async Task Requests_are_counted_by_route_template_and_status()
    {
        var key = (await _client.SignUp(clientAddress: NewAddress()))["apiKey"]!.ToString();
        await _client.SignUp(clientAddress: NewAddress());
        var owner = await _client.CreateSpace(key);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{owner["id"]}", key)).Status);
        await _client.Send(HttpMethod.Get, "/no/such/route", clientAddress: NewAddress());

        var scrape = await Scrape();
        Assert.Equal(2, scrape.Value("kinopio_requests_total", ("http_route", "/user/sign-up"), ("http_response_status_code", "201")));
        Assert.Equal(1, scrape.Value("kinopio_requests_total", ("http_route", "/space"), ("http_response_status_code", "201")));
        Assert.Equal(3, scrape.Value("kinopio_requests_total", ("http_route", "/space/{spaceId}"), ("http_response_status_code", "200")));
        Assert.Equal(1, scrape.Value("kinopio_requests_total", ("http_route", RequestLog.Unmatched), ("http_response_status_code", "404")));
        Assert.Equal(2, scrape.Value("kinopio_sign_ups_total"));
        Assert.Contains(scrape.Samples, sample => sample.Name == "http_server_request_duration_seconds_count"
            && sample.Labels.GetValueOrDefault("http_route") == "/user/sign-up");
        Assert.Contains(scrape.Samples, sample => sample.Name.StartsWith("orleans_"));
    }

    [Fact]
    public async Task Each_429_is_counted_by_the_limit_that_refused_it()
    {
        var user = await _client.SignUp(clientAddress: NewAddress());
        var key = user["apiKey"]!.ToString();
        for (var i = 0; i < 7; i++)
            await _client.Get("/user", key);

        var anonymous = NewAddress();
        for (var i = 0; i < 8; i++)
            await _client.Send(HttpMethod.Get, "/", clientAddress: anonymous);

        var email = user["email"]!.ToString();
        for (var i = 0; i < 11; i++)
            await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "wrong password" }, clientAddress: NewAddress());
        for (var i = 0; i < 4; i++)
            await _client.Send(HttpMethod.Post, "/user/reset-password", new { email }, clientAddress: NewAddress());

        var scrape = await Scrape();
        Assert.Equal(2, scrape.Value("kinopio_rate_limited_total", ("reason", "user")));
        Assert.Equal(3, scrape.Value("kinopio_rate_limited_total", ("reason", "address")));
        Assert.Equal(1, scrape.Value("kinopio_rate_limited_total", ("reason", "sign-in")));
        Assert.Equal(1, scrape.Value("kinopio_rate_limited_total", ("reason", "password-reset")));
        Assert.Equal(2, scrape.Value("kinopio_requests_total", ("http_route", "/user"), ("http_response_status_code", "429")));
        Assert.Equal(5, scrape.Value("kinopio_requests_total", ("http_route", "/user"), ("http_response_status_code", "200")));
    }

    [Fact]
    public async Task A_durable_write_is_one_grouped_commit_of_one_write()
    {
        var key = (await _client.SignUp(clientAddress: NewAddress()))["apiKey"]!.ToString();
        var before = await Scrape();

        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Patch, "/user", new { description = "one write" }, key)).Status);

        var after = await Scrape();
        Assert.Equal(1, after.Value("kinopio_storage_commit_writes_count") - before.Value("kinopio_storage_commit_writes_count"));
        Assert.Equal(1, after.Value("kinopio_storage_commit_writes_sum") - before.Value("kinopio_storage_commit_writes_sum"));
        Assert.Equal(1, after.Value("kinopio_storage_commit_duration_seconds_count") - before.Value("kinopio_storage_commit_duration_seconds_count"));
    }

    [Fact]
    public async Task Open_sockets_and_relayed_room_messages_are_counted()
    {
        await using var first = await RoomSocket.Connect(_host.Server);
        await using var second = await RoomSocket.Connect(_host.Server);
        await first.Join("metrics-room");
        await second.Join("metrics-room");
        Assert.Equal("userJoinedRoom", (await first.Receive())["message"]!.ToString());
        await first.Send(new { message = "updateUserPresence" });
        Assert.Equal("updateUserPresence", (await second.Receive())["message"]!.ToString());

        var scrape = await Scrape();
        Assert.Equal(2, scrape.Value("kinopio_websockets_open"));
        // Both joins were told to the room, then the one message.
        Assert.Equal(3, scrape.Value("kinopio_room_messages_total"));
    }

    [Fact]
    public async Task Operations_are_counted_by_name_and_outcome()
    {
        var metrics = _host.Services.GetRequiredService<KinopioMetrics>();
        metrics.Operation("updateCard", applied: true);
        metrics.Operation("updateCard", applied: true);
        metrics.Operation("removeCard", applied: false);

        var scrape = await Scrape();
        Assert.Equal(2, scrape.Value("kinopio_operations_total", ("name", "updateCard"), ("outcome", "applied")));
        Assert.Equal(1, scrape.Value("kinopio_operations_total", ("name", "removeCard"), ("outcome", "refused")));
        Assert.Equal(0, scrape.Value("kinopio_operations_total", ("name", "updateCard"), ("outcome", "refused")));
    }

    /// <summary>A name the contract does not know is counted as "unknown": a client's text never becomes a metric label.</summary>
    [Fact]
    public async Task An_unknown_operation_is_counted_as_unknown_not_by_the_name_it_was_sent_with()
    {
        var key = await _client.NewUserKey(clientAddress: NewAddress());
        var sentName = "made-up-" + new string('x', 5000);
        var answer = await _client.Send(HttpMethod.Post, "/operations", new[] { new { name = sentName, body = new { } } }, apiKey: key);
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var scrape = await Scrape();
        Assert.Equal(1, scrape.Value("kinopio_operations_total", ("name", "unknown"), ("outcome", "refused")));
        Assert.DoesNotContain(scrape.Samples, sample => sample.Labels.Values.Any(value => value.Contains("made-up-")));
    }

    /// <summary>Contract §3: every request but the preflight, the health probes and the upgrade costs a token; the scrape too.</summary>
    [Fact]
    public async Task The_scrape_is_rate_limited_like_any_request()
    {
        var address = NewAddress();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/metrics", clientAddress: address)).Status);

        (await _client.Send(HttpMethod.Get, "/metrics", clientAddress: address)).IsError(HttpStatusCode.TooManyRequests);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
