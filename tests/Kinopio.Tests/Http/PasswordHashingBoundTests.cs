using System.Net;
using Kinopio.Grains.Accounts;
using Kinopio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>
/// Issue 14, item 2: password hashing runs under a bound (here 1 at once, 1 waiting). While work
/// held on a gate fills it, sign-in, sign-up and a password change answer 503 with the error body
/// at once, and nothing of them is applied; once the gate opens they work again.
/// </summary>
public sealed class PasswordHashingBoundTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), settings: new Dictionary<string, string?>
    {
        ["Kinopio:PasswordHashing:Concurrency"] = "1",
        ["Kinopio:PasswordHashing:Queue"] = "1",
    });

    private readonly KinopioClient _client;

    public PasswordHashingBoundTests() => _client = new KinopioClient(_host.CreateClient());

    [Fact]
    public async Task Past_the_bound_password_work_answers_503_and_afterwards_works_again()
    {
        var user = await _client.SignUp();
        var (email, key) = (user["email"]!.ToString(), user["apiKey"]!.ToString());
        var hashing = _host.Services.GetRequiredService<PasswordHashing>();
        using var gate = new ManualResetEventSlim();
        var held = Enumerable.Range(0, 2).Select(_ => hashing.Run(() => gate.Wait(TimeSpan.FromMinutes(1)))).ToList();

        (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" })).IsError(HttpStatusCode.ServiceUnavailable, "busy");
        var newEmail = KinopioClient.NewEmail();
        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { email = newEmail, password = "correct horse" })).IsError(HttpStatusCode.ServiceUnavailable, "busy");
        (await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = "battery staple" }, key)).IsError(HttpStatusCode.ServiceUnavailable, "busy");

        gate.Set();
        await Task.WhenAll(held);
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "correct horse" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await _client.Send(HttpMethod.Post, "/user/sign-up", new { email = newEmail, password = "correct horse" })).Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
