using System.Net;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Observability;

/// <summary>
/// No secret reaches a log sink: every line the server writes (ours at Debug, everything else at
/// Information; ASP.NET Core's own at the shipped Warning, since its request lines print query strings)
/// across sign-up, sign-in, errors, 429s, reset, invites and realtime is searched for every secret the run made.
/// A new kind of secret is one more entry in <see cref="_secrets"/> and one more step in <see cref="Run"/>.
/// </summary>
public sealed class LogSecretsTests : IAsyncLifetime
{
    /// <summary>Every stored password hash starts so (<c>PasswordHasher</c>'s scheme and iterations).</summary>
    private const string HashPrefix = "pbkdf2-sha512$100000$";

    private readonly ApiHost _host = new(Path.Combine(Path.GetTempPath(), "kinopio-tests", $"logs-{Guid.NewGuid():N}", "kinopio.db"),
        new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond: 5);
    private readonly LogCapture _logs = new();
    private readonly List<string> _secrets = [HashPrefix];
    private WebApplicationFactory<Program> _server = null!;
    private KinopioClient _client = null!;
    private int _addresses;

    private string NewAddress() => $"10.7.{Interlocked.Increment(ref _addresses) / 250}.{_addresses % 250 + 1}";

    private string Secret(string value)
    {
        _secrets.Add(value);
        return value;
    }

    public Task InitializeAsync()
    {
        _server = _host.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
            .AddProvider(_logs)
            .AddFilter<LogCapture>(null, LogLevel.Information)
            .AddFilter<LogCapture>("Kinopio", LogLevel.Debug)
            .AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Warning)));
        _client = new KinopioClient(_server.CreateClient());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_key_password_hash_or_token_reaches_the_log()
    {
        await Run();

        Assert.Contains(_logs.Lines, line => line.Contains($"Kinopio Api started in embedded mode, data {_host.DatabasePath}"));
        Assert.Contains(_logs.Lines, line => line.Contains("POST /user/sign-in answered 401"));
        Assert.Contains(_logs.Lines, line => line.Contains("GET /user answered 429"));
        foreach (var secret in _secrets)
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    private async Task Run()
    {
        // Sign-up and sign-in, right and wrong.
        var email = KinopioClient.NewEmail();
        var password = Secret("correct horse battery");
        var user = await _client.SignUp(new { email, password }, clientAddress: NewAddress());
        var key = Secret(user["apiKey"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password }, clientAddress: NewAddress())).Status);
        var wrong = Secret("not the password at all");
        (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = wrong }, clientAddress: NewAddress())).IsError(HttpStatusCode.Unauthorized);

        // The key in each place it may come, and errors that echo a body or refuse a key.
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/user?apiKey={key}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", $"Bearer {key}")).Status);
        (await _client.Send(HttpMethod.Patch, "/user", new { password = Secret("a password in a patch") }, key)).IsError(HttpStatusCode.BadRequest);
        (await _client.Send(HttpMethod.Post, "/user/sign-up", $$"""{"email":"{{email}}","password":"{{Secret("broken json password")}}" """, clientAddress: NewAddress()))
            .IsError(HttpStatusCode.BadRequest);
        (await _client.Get("/user", Secret(Guid.NewGuid().ToString()))).IsError(HttpStatusCode.Unauthorized);

        // 429s: the user's bucket, and the sign-in lockout of the email.
        for (var i = 0; i < 5; i++)
            await _client.Get("/user", key);
        (await _client.Get("/user", key)).IsError(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 10; i++)
            await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = wrong }, clientAddress: NewAddress());
        (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password }, clientAddress: NewAddress())).IsError(HttpStatusCode.TooManyRequests);

        // Password reset by email: the token, the link, the new password; then the used token again.
        var mail = new MailFolder(Path.Combine(Path.GetDirectoryName(_host.DatabasePath)!, "outbox"));
        var message = await mail.NextMessageTo(email, () => _client.Send(HttpMethod.Post, "/user/reset-password", new { email }, clientAddress: NewAddress()));
        var token = Secret(MailFolder.ResetTokenIn(message));
        Secret(MailFolder.ResetLinkIn(message));
        var changed = await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = Secret("battery staple horse") }, token, NewAddress());
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        (await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = "another new one" }, token, NewAddress())).IsError(HttpStatusCode.Unauthorized);

        // Invites: the collaborator key read, sent right and wrong in Space-Authorization and in the
        // invite operation, then rotated by removing the collaborator.
        var owner = Secret((await _client.SignUp(clientAddress: NewAddress()))["apiKey"]!.ToString());
        var friendUser = await _client.SignUp(clientAddress: NewAddress());
        var friend = Secret(friendUser["apiKey"]!.ToString());
        var space = (await _client.CreateSpace(owner, "private"))["id"]!.ToString();
        var spaceKey = Secret((await _client.Get($"/space/{space}/collaborator-key", owner)).Json.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Invite(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{space}}"}""", friend, spaceKey)).Status);
        (await Invite(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{space}}"}""", friend, Secret("a wrong collaborator key"))).IsError(HttpStatusCode.Unauthorized);
        await _client.Send(HttpMethod.Post, "/operations", $$"""[{"name":"addCollaboratorToSpaces","body":[{"id":"{{space}}","collaboratorKey":"{{spaceKey}}"}]}]""", friend);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await Invite(HttpMethod.Delete, "/space/collaborator", $$"""{"spaceId":"{{space}}","userId":"{{friendUser["id"]}}"}""", owner, null);
        Secret((await _client.Get($"/space/{space}/collaborator-key", owner)).Json.GetValue<string>());

        // A realtime socket signed in with ?apiKey=.
        await using var socket = await RoomSocket.Connect(_server.Server, key);
        await socket.Join("log-secrets-room");
    }

    private Task<Answer> Invite(HttpMethod method, string path, string json, string apiKey, string? spaceKey) =>
        _client.Send(method, path, json, apiKey, NewAddress(), spaceKey);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }
}
