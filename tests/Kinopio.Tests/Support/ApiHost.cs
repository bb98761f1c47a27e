using System.Net;
using Kinopio.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Support;

/// <summary>
/// The real Api in embedded mode (its own silo on free ports, a SQLite file) behind the real
/// ASP.NET Core pipeline, with a fake clock. Requests come from 127.0.0.1, a trusted proxy, so a
/// test can act as another client address with <c>X-Forwarded-For</c>.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public const double UnlimitedPermits = 1_000_000;

    private readonly Dictionary<string, string?> _settings;

    public ApiHost(string databasePath, FakeTimeProvider clock, double permitsPerSecond = UnlimitedPermits, bool trustLoopbackProxy = true,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        DatabasePath = databasePath;
        Clock = clock;
        _settings = new()
        {
            ["Kinopio:DataPath"] = databasePath,
            ["Kinopio:SiloPort"] = FreePorts.Next().ToString(),
            ["Kinopio:GatewayPort"] = FreePorts.Next().ToString(),
            ["RateLimit:PermitsPerSecond"] = permitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (trustLoopbackProxy)
            _settings["RateLimit:TrustedProxies:0"] = "127.0.0.1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public string DatabasePath { get; }
    public FakeTimeProvider Clock { get; }

    /// <summary>A data file in a folder of its own: the server keeps its key ring and outbox beside it.</summary>
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "kinopio-tests", $"{Guid.NewGuid():N}", "kinopio.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(KinopioClock.Key, Clock);
            services.AddSingleton<IStartupFilter, FromLoopback>();
        });
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => http =>
            {
                http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>One embedded Api shared by a collection of HTTP tests that do not test the rate limit.</summary>
public sealed class SharedApi : IAsyncLifetime
{
    public const string Name = "shared api";

    public ApiHost Host { get; } = new(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow));

    public Task InitializeAsync()
    {
        Host.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(SharedApi.Name)]
public sealed class SharedApiCollection : ICollectionFixture<SharedApi>;
