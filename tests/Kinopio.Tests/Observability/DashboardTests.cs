using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Observability;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>: off by default, on by configuration, behind its password
/// unless the server listens on loopback alone with no proxy; a wrong password costs the address a token.
/// </summary>
public sealed class DashboardTests
{
    private static async Task<T> With<T>(IReadOnlyDictionary<string, string?> settings, Func<WebApplicationFactory<Program>, Task<T>> test,
        bool behindProxy = true, double permitsPerSecond = ApiHost.UnlimitedPermits)
    {
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), permitsPerSecond, trustLoopbackProxy: behindProxy);
        await using var configured = host.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });
        return await test(configured);
    }

    private static async Task<HttpResponseMessage> Get(WebApplicationFactory<Program> server, string? password = null, string? clientAddress = null)
    {
        var http = server.CreateClient();
        if (clientAddress is not null)
            http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        if (password is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        // The index is /dashboard/ (/dashboard redirects there, and HttpClient drops Authorization on a redirect).
        return await http.GetAsync("/dashboard/");
    }

    [Fact]
    public async Task Off_by_default_the_dashboard_is_an_unknown_route()
    {
        var answer = await With(new Dictionary<string, string?>(), async server =>
            await new KinopioClient(server.CreateClient()).Get("/dashboard"));
        answer.IsError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task On_loopback_with_no_proxy_the_dashboard_answers_without_a_password()
    {
        var response = await With(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true" }, server => Get(server), behindProxy: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A proxy on the same host brings the network to loopback: the password is needed then too.</summary>
    [Fact]
    public async Task Behind_a_trusted_proxy_without_a_password_the_server_refuses_to_start()
    {
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => With(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true" }, server => Get(server), behindProxy: true));
        Assert.Contains("Dashboard:Password", refusal.Message);
    }

    [Fact]
    public async Task Each_wrong_password_costs_the_client_address_a_token_and_the_sixth_in_a_second_is_refused()
    {
        var settings = new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true", ["Dashboard:Password"] = "s3cret dashboard", ["urls"] = "http://0.0.0.0:3000" };
        var answers = await With(settings, async server =>
        {
            var guesses = new List<HttpResponseMessage>();
            for (var i = 0; i < 6; i++)
                guesses.Add(await Get(server, $"guess {i}", clientAddress: "10.44.0.1"));
            return (guesses, right: await Get(server, "s3cret dashboard", clientAddress: "10.44.0.1"));
        }, permitsPerSecond: 5);

        Assert.All(answers.guesses[..5], guess => Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers.guesses[5].StatusCode);
        Assert.Equal("application/json", answers.guesses[5].Content.Headers.ContentType?.MediaType);
        // The password itself is never refused for the address's guesses: the operator still gets in.
        Assert.Equal(HttpStatusCode.OK, answers.right.StatusCode);
    }

    [Fact]
    public async Task With_a_password_the_dashboard_asks_for_it()
    {
        var settings = new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true", ["Dashboard:Password"] = "s3cret dashboard", ["urls"] = "http://0.0.0.0:3000" };
        var (none, wrong, right) = await With(settings, async server => (await Get(server), await Get(server, "wrong"), await Get(server, "s3cret dashboard")));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:3000")]
    [InlineData("http://*:3000")]
    [InlineData("http://localhost:3000;http://192.168.1.5:3000")]
    public async Task Off_loopback_without_a_password_the_server_refuses_to_start(string urls)
    {
        var settings = new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true", ["urls"] = urls };
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => With(settings, server => Get(server)));
        Assert.Contains("Dashboard:Password", refusal.Message);
    }
}
