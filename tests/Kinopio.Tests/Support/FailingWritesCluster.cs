using System.Collections.Concurrent;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Kinopio.Tests.Support;

/// <summary>
/// An in-memory cluster whose storage fails, on demand, every write of chosen grains: for proving
/// that a failed write leaves nothing half-applied.
/// </summary>
public sealed class FailingWritesCluster : IAsyncLifetime
{
    public const string Name = "failing writes cluster";

    private static readonly ConcurrentDictionary<GrainId, bool> Failing = new();

    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    public FailingWritesCluster()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimit:PermitsPerSecond"] = "1000000" })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseKinopioInMemory(configuration);
            silo.Services.AddKeyedSingleton<IGrainStorage>(KinopioStorage.Name, (services, _) =>
                new FailingWrites(MemoryGrainStorageFactory.Create(services, KinopioStorage.Name)));
        });
        Cluster = builder.Build();
    }

    /// <summary>Makes every write (and clear) of the grain fail until the returned scope is disposed.</summary>
    public static IDisposable FailWritesOf(IAddressable grain)
    {
        var id = grain.GetGrainId();
        Failing[id] = true;
        return new Scope(() => Failing.TryRemove(id, out _));
    }

    public async Task<(IUserGrain Grain, PrivateUser User, ApiCredential Key)> SignUp(string? name = null)
    {
        var grain = Grains.GetGrain<IUserGrain>(Ids.New());
        var user = (await grain.SignUp(new SignUpRequest { Email = $"{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = name })).Value!;
        return (grain, user, ApiCredential.FromApiKey(user.ApiKey!));
    }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private sealed class FailingWrites(IGrainStorage inner) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Failing.ContainsKey(grainId) ? throw new IOException($"storage refuses {grainId}") : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Failing.ContainsKey(grainId) ? throw new IOException($"storage refuses {grainId}") : inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

[CollectionDefinition(FailingWritesCluster.Name)]
public sealed class FailingWritesClusterCollection : ICollectionFixture<FailingWritesCluster>;
