using Kinopio.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kinopio.Tests.Support;

/// <summary>An in-memory cluster of one silo with memory storage and a fake clock, shared by the grain tests.</summary>
public sealed class GrainCluster : IAsyncLifetime
{
    public const string Name = "grain cluster";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 6, 11, 17, 52, 49, TimeSpan.Zero));
    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    public GrainCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseKinopioInMemory(new ConfigurationBuilder().Build());
            silo.Services.AddKeyedSingleton<TimeProvider>(KinopioClock.Key, Clock);
        });
        Cluster = builder.Build();
    }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(GrainCluster.Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>;
