using System.Net;
using Kinopio.Grains.Health;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Observability;

/// <summary><c>GET /health/ready</c> says which dependency failed, in the JSON error body.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_lists_each_dependency_as_ok()
    {
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var answer = await new KinopioClient(host.CreateClient()).Get("/health/ready");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"status":200,"message":"ready","checks":{"cluster":"ok","storage":"ok"}}""", answer.Text);
    }

    [Fact]
    public async Task A_store_that_cannot_read_makes_ready_a_503_naming_storage()
    {
        await using var host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var broken = host.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStorageProbe, UnreadableStore>()));
        var answer = await new KinopioClient(broken.CreateClient()).Get("/health/ready");

        answer.IsError(HttpStatusCode.ServiceUnavailable, "storage");
        Assert.Equal("ok", answer.Json["checks"]!["cluster"]!.ToString());
        Assert.Equal("failed: IOException: disk I/O error", answer.Json["checks"]!["storage"]!.ToString());
    }

    private sealed class UnreadableStore : IStorageProbe
    {
        public Task Read() => throw new IOException("disk I/O error");
    }
}
