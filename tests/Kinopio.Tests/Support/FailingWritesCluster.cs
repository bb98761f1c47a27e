using System.Collections.Concurrent;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kinopio.Tests.Support;

/// <summary>
/// An in-memory cluster whose storage fails, on demand, every write of chosen grains (their state
/// and their items): for proving that a failed write leaves nothing half-applied. It can fail the
/// reads of a grain too, so that an activation of it fails (a grain that cannot answer).
/// </summary>
public sealed class FailingWritesCluster() : GrainCluster(permitsPerSecond: 1_000_000, silo =>
{
    silo.Services.AddKeyedSingleton<IGrainStorage>(KinopioStorage.Name, (services, _) =>
        new FailingWrites(MemoryGrainStorageFactory.Create(services, KinopioStorage.Name)));
    silo.Services.AddSingleton<IItemStore>(new FailingItemWrites(new MemoryItemStore()));
})
{
    public new const string Name = "failing writes cluster";

    private static readonly ConcurrentDictionary<GrainId, bool> Failing = new();
    private static readonly ConcurrentDictionary<GrainId, bool> FailingReads = new();

    /// <summary>Makes every write (and clear) of the grain fail until the returned scope is disposed.</summary>
    public static IDisposable FailWritesOf(IAddressable grain) => FailIn(Failing, grain);

    /// <summary>Makes every read of the grain fail (so its next activation fails) until the returned scope is disposed.</summary>
    public static IDisposable FailReadsOf(IAddressable grain) => FailIn(FailingReads, grain);

    private static IDisposable FailIn(ConcurrentDictionary<GrainId, bool> failing, IAddressable grain)
    {
        var id = grain.GetGrainId();
        failing[id] = true;
        return new Scope(() => failing.TryRemove(id, out _));
    }

    private static bool Fails(ConcurrentDictionary<GrainId, bool> failing, string partition) => failing.Keys.Any(id => id.ToString() == partition);

    private static bool Fails(string partition) => Fails(Failing, partition);

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private sealed class FailingWrites(IGrainStorage inner) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            FailingReads.ContainsKey(grainId) ? throw new IOException($"storage refuses {grainId}") : inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Failing.ContainsKey(grainId) ? throw new IOException($"storage refuses {grainId}") : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Failing.ContainsKey(grainId) ? throw new IOException($"storage refuses {grainId}") : inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private sealed class FailingItemWrites(IItemStore inner) : IItemStore
    {
        public Task<StoredPartition> Read(string partition) =>
            Fails(FailingReads, partition) ? throw new IOException($"storage refuses {partition}") : inner.Read(partition);

        public Task<long> Write(string partition, long expectedVersion, IReadOnlyList<ItemChange> changes) =>
            Fails(partition) ? throw new IOException($"storage refuses {partition}") : inner.Write(partition, expectedVersion, changes);

        public Task Clear(string partition, long expectedVersion) =>
            Fails(partition) ? throw new IOException($"storage refuses {partition}") : inner.Clear(partition, expectedVersion);
    }
}

[CollectionDefinition(FailingWritesCluster.Name)]
public sealed class FailingWritesClusterCollection : ICollectionFixture<FailingWritesCluster>;
