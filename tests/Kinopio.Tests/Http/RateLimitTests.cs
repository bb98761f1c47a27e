using System.Net;
using Kinopio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>
/// Contract §3 through the real pipeline, with the default limits (5 per second, 30-second block)
/// and a fake clock. Each test signs its users up from an address of its own, so its buckets are fresh.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ApiHost _host;
    private readonly KinopioClient _client;

    public RateLimitTests()
    {
        _host = new ApiHost(ApiHost.NewDatabasePath(), _clock, permitsPerSecond: 5);
        _client = new KinopioClient(_host.CreateClient());
    }

    private async Task<string> NewUserKey() => (await _client.SignUp(clientAddress: ClientAddresses.New()))["apiKey"]!.ToString();

    [Fact]
    public async Task The_sixth_request_in_a_second_gets_429_with_retry_after_and_the_error_body()
    {
        var key = await NewUserKey();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", key)).Status);

        var refused = (await _client.Get("/user", key)).IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
    }

    [Fact]
    public async Task A_batch_of_operations_costs_one_token_however_many_operations_it_holds()
    {
        var key = await NewUserKey();
        var space = (await _client.CreateSpace(key))["id"]!.ToString();
        var creates = string.Join(",", Enumerable.Range(0, 500).Select(i => $$"""{"name":"createCard","body":{"spaceId":"{{space}}","id":"c{{i}}"} }"""));

        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Post, "/operations", $"[{creates}]", key)).Status);
        Assert.Equal(HttpStatusCode.Created, (await _client.Send(HttpMethod.Post, "/space/multiple", "[]", key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Patch, "/card/multiple", "[]", key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", key)).Status);
        (await _client.Get("/user", key)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_refused_write_is_not_applied()
    {
        var key = await NewUserKey();
        for (var i = 0; i < 5; i++)
            await _client.Get("/user", key);

        (await _client.Send(HttpMethod.Patch, "/user", new { description = "too late" }, key)).IsError(HttpStatusCode.TooManyRequests);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("", (await _client.Get("/user", key))["description"]);
    }

    [Fact]
    public async Task The_block_lasts_30_seconds_whatever_is_sent_during_it()
    {
        var key = await NewUserKey();
        for (var i = 0; i < 6; i++)
            await _client.Get("/user", key);

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), (await _client.Get("/user", key)).RetryAfter);
        _clock.Advance(TimeSpan.FromSeconds(9.5));
        Assert.Equal(TimeSpan.FromSeconds(1), (await _client.Get("/user", key)).RetryAfter);
        _clock.Advance(TimeSpan.FromSeconds(0.5));

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", key)).Status);
    }

    [Fact]
    public async Task A_steady_client_at_four_requests_a_second_is_never_refused()
    {
        var key = await NewUserKey();
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", key)).Status);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    [Fact]
    public async Task One_users_block_does_not_touch_another_user()
    {
        var blocked = await NewUserKey();
        var other = await NewUserKey();
        for (var i = 0; i < 6; i++)
            await _client.Get("/user", blocked);

        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", other)).Status);
    }

    [Fact]
    public async Task Unknown_routes_public_routes_and_bad_bodies_cost_a_token_too()
    {
        var key = await NewUserKey();
        await _client.Get("/no/such/route", key);
        await _client.Get("/", key);
        await _client.Send(HttpMethod.Patch, "/user", "{bad json", key);
        await _client.Send(HttpMethod.Patch, "/user", new { email = "read-only@example.com" }, key);
        await _client.Send(HttpMethod.Patch, "/user", $$"""{"description":"{{new string('x', 1024 * 1024)}}"}""", key);

        (await _client.Get("/user", key)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Preflights_and_health_probes_are_not_counted()
    {
        var address = ClientAddresses.New();
        for (var i = 0; i < 10; i++)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/user");
            preflight.Headers.Add("Origin", "https://kinopio.club");
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("X-Forwarded-For", address);
            Assert.Equal(HttpStatusCode.NoContent, (await _client.Http.SendAsync(preflight)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/health/live", clientAddress: address)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).Status);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_limited_per_client_address()
    {
        var address = ClientAddresses.New();
        for (var i = 0; i < 5; i++)
            await _client.Send(HttpMethod.Get, "/user", apiKey: "not-a-key", clientAddress: address);

        (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: ClientAddresses.New())).Status);
    }

    [Fact]
    public async Task Ten_failed_sign_ins_for_one_email_from_any_addresses_lock_that_email()
    {
        var user = await _client.SignUp(clientAddress: ClientAddresses.New());
        var email = user["email"]!.ToString();
        for (var i = 0; i < 10; i++)
            (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "wrong password" }, clientAddress: ClientAddresses.New()))
                .IsError(HttpStatusCode.Unauthorized);

        var locked = (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" }, clientAddress: ClientAddresses.New()))
            .IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromMinutes(15), locked.RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK,
            (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" }, clientAddress: ClientAddresses.New())).Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

/// <summary>X-Forwarded-For is only believed from a proxy the configuration names.</summary>
public sealed class UntrustedProxyTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond: 5, trustLoopbackProxy: false);

    [Fact]
    public async Task Forwarded_addresses_from_an_untrusted_peer_do_not_buy_fresh_buckets()
    {
        var client = new KinopioClient(_host.CreateClient());
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Get, "/", clientAddress: $"10.0.0.{i + 1}")).Status);

        (await client.Send(HttpMethod.Get, "/", clientAddress: "10.0.0.99")).IsError(HttpStatusCode.TooManyRequests);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
