using System.Collections.Concurrent;
using Kinopio.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kinopio.Tests.Support;

/// <summary>
/// An in-memory cluster whose storage fails, on demand, every write of chosen grains: for proving
/// that a failed write leaves nothing half-applied.
/// </summary>
public sealed class FailingWritesCluster() : GrainCluster(permitsPerSecond: 1_000_000, silo =>
    silo.Services.AddKeyedSingleton<IGrainStorage>(KinopioStorage.Name, (services, _) =>
        new FailingWrites(MemoryGrainStorageFactory.Create(services, KinopioStorage.Name))))
{
    public new const string Name = "failing writes cluster";

    private static readonly ConcurrentDictionary<GrainId, bool> Failing = new();

    /// <summary>Makes every write (and clear) of the grain fail until the returned scope is disposed.</summary>
    public static IDisposable FailWritesOf(IAddressable grain)
    {
        var id = grain.GetGrainId();
        Failing[id] = true;
        return new Scope(() => Failing.TryRemove(id, out _));
    }

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
