using System.Net;
using Kinopio.Grains.Accounts;
using Kinopio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Kinopio.Tests.Http;

/// <summary>
/// Issue 14, items 2–4: what the client address pays for, with the default limits (5 per second,
/// a 30-second block). Each test uses addresses of its own, so its buckets are fresh.
/// </summary>
public sealed class AddressAdmissionTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond: 5);
    private readonly KinopioClient _client;

    public AddressAdmissionTests() => _client = new KinopioClient(_host.CreateClient());

    private static string NewIpv6Prefix() => $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";

    [Fact]
    public async Task Sign_ins_cost_the_address_token_whatever_valid_key_they_carry()
    {
        var users = await SignUpSix();
        var address = ClientAddresses.New();
        foreach (var (email, key) in users.Take(5))
            Assert.Equal(HttpStatusCode.OK, (await SignIn(email, key, address)).Status);

        (await SignIn(users[5].Email, users[5].Key, address)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Sign_ups_cost_the_address_token_whatever_valid_key_they_carry()
    {
        var users = await SignUpSix();
        var address = ClientAddresses.New();
        foreach (var (_, key) in users.Take(5))
            Assert.Equal(HttpStatusCode.Created, (await SignUp(key, address)).Status);

        (await SignUp(users[5].Key, address)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_blocked_address_looks_up_no_key_however_many_made_up_keys_it_sends()
    {
        var address = ClientAddresses.New();
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", apiKey: Guid.NewGuid().ToString(), clientAddress: ClientAddresses.New())).Status);
        for (var i = 0; i < 6; i++)
            await _client.Send(HttpMethod.Get, "/", clientAddress: address);
        var before = await ApiKeyActivations();
        Assert.True(before >= 1, "the made-up key of another address was looked up");

        for (var i = 0; i < 20; i++)
            (await _client.Send(HttpMethod.Get, "/user", apiKey: Guid.NewGuid().ToString(), clientAddress: address))
                .IsError(HttpStatusCode.TooManyRequests);

        Assert.Equal(before, await ApiKeyActivations());
    }

    [Fact]
    public async Task A_request_with_a_made_up_key_costs_the_address_one_token()
    {
        var address = ClientAddresses.New();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", apiKey: Guid.NewGuid().ToString(), clientAddress: address)).Status);

        (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_key_this_front_end_has_not_seen_costs_its_user_and_not_the_address()
    {
        var key = await _client.NewUserKey();
        var address = ClientAddresses.New();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).Status);

        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/user", apiKey: key, clientAddress: address)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).Status);
        (await _client.Send(HttpMethod.Get, "/", clientAddress: address)).IsError(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Ipv6_clients_share_one_bucket_per_64()
    {
        var prefix = NewIpv6Prefix();
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: $"{prefix}::{i:x}")).Status);

        (await _client.Send(HttpMethod.Get, "/", clientAddress: $"{prefix}:ffff:ffff:ffff:ffff")).IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/", clientAddress: $"{NewIpv6Prefix()}::1")).Status);
    }

    /// <summary>
    /// Memory of many users touched once (issue 9): the email and name indexes are let go as soon as
    /// they answered, the key index as soon as a key was issued, and this front end remembers the key
    /// that sign-up and sign-in handed out, so the requests that follow ask no key index. What stays
    /// in memory for a user who signed up, read, and signed in again is the user grain alone.
    /// </summary>
    [Fact]
    public async Task Signing_up_reading_and_signing_in_leave_no_index_activation_behind()
    {
        var user = await _client.SignUp(clientAddress: ClientAddresses.New());
        var key = user["apiKey"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/user", apiKey: key)).Status);
        var email = user["email"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, key, ClientAddresses.New())).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Get, "/user", apiKey: key)).Status);

        // Deactivation follows the answer: asked until it is done (every one of them, or the poll fails).
        await Poll.Until(async () => await Activations(nameof(EmailGrain)) + await Activations(nameof(UserNameGrain))
            + await Activations(nameof(ApiKeyGrain)) == 0, "the email, name and key indexes to be let go");
        Assert.Equal(1, await Activations(nameof(Kinopio.Grains.Users.UserGrain)));
    }

    /// <summary>
    /// Resets for made-up emails (issue 14, resource consumption): the count lives in the email's
    /// shard, not in an activation per email. The email index is let go between the requests, and the
    /// fourth request within the hour is still refused (contract §10: 3 per email per hour, known or not).
    /// </summary>
    [Fact]
    public async Task Reset_requests_for_a_made_up_email_hold_no_index_activation_and_are_still_counted()
    {
        var email = KinopioClient.NewEmail();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Post, "/user/reset-password", new { email }, clientAddress: ClientAddresses.New())).Status);
            await Poll.Until(async () => await Activations(nameof(EmailGrain)) == 0, "the email index to be let go");
        }

        (await _client.Send(HttpMethod.Post, "/user/reset-password", new { email }, clientAddress: ClientAddresses.New()))
            .IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(1, await Activations(nameof(EmailLimitGrain)));
    }

    /// <summary>Six users, each signed up from an address of its own.</summary>
    private async Task<List<(string Email, string Key)>> SignUpSix()
    {
        var users = new List<(string Email, string Key)>();
        for (var i = 0; i < 6; i++)
        {
            var user = await _client.SignUp(clientAddress: ClientAddresses.New());
            users.Add((user["email"]!.ToString(), user["apiKey"]!.ToString()));
        }
        return users;
    }

    private Task<Answer> SignIn(string email, string key, string address) =>
        _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" }, apiKey: key, clientAddress: address);

    private Task<Answer> SignUp(string key, string address) =>
        _client.Send(HttpMethod.Post, "/user/sign-up", new { email = KinopioClient.NewEmail(), password = "correct horse" }, apiKey: key, clientAddress: address);

    private Task<int> ApiKeyActivations() => Activations(nameof(ApiKeyGrain));

    private async Task<int> Activations(string grainClass)
    {
        var statistics = await _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        // GrainType is the class's full name, with its assembly after a comma.
        return statistics.Where(grains => grains.GrainType.Split(',')[0].EndsWith("." + grainClass, StringComparison.Ordinal))
            .Sum(grains => grains.ActivationCount);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
