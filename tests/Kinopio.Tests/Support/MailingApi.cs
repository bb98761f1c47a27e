using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Support;

/// <summary>
/// An embedded Api that sends email, with its mail folder and every log line it writes (ASP.NET Core's
/// own request logging included, which the default settings keep quiet).
/// </summary>
public abstract class MailingApi(string databasePath) : IAsyncLifetime
{
    public ApiHost Host { get; } = new(databasePath, new FakeTimeProvider(DateTimeOffset.UtcNow));
    public LogCapture Logs { get; } = new();
    public WebApplicationFactory<Program> Server { get; private set; } = null!;

    /// <summary>Where the emails this Api sends arrive.</summary>
    public abstract MailFolder Mail { get; }

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public virtual Task InitializeAsync()
    {
        Server = Host.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in Settings)
                builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging
                .AddProvider(Logs)
                .AddFilter<LogCapture>(null, LogLevel.Information)
                .AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Debug)
                .AddFilter<LogCapture>("Kinopio", LogLevel.Debug));
        });
        Server.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();
}
