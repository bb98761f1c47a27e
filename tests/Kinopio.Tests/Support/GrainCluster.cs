using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kinopio.Tests.Support;

/// <summary>
/// An in-memory cluster of one silo with memory storage and a fake clock, shared by the grain
/// tests. Its rate limit is raised so that tests of other things never meet it.
/// </summary>
public class GrainCluster : IAsyncLifetime
{
    public const string Name = "grain cluster";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 6, 11, 17, 52, 49, TimeSpan.Zero));
    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    public GrainCluster() : this(permitsPerSecond: 1_000_000)
    {
    }

    protected GrainCluster(double permitsPerSecond, Action<ISiloBuilder>? configureSilo = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimit:PermitsPerSecond"] = permitsPerSecond.ToString() })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseKinopioInMemory(configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(KinopioClock.Key, Clock);
            configureSilo?.Invoke(silo);
        });
        Cluster = builder.Build();
    }

    /// <summary>Signs up a new user (fresh keys per test) and answers its grain, profile and credential.</summary>
    public async Task<(IUserGrain Grain, PrivateUser User, ApiCredential Key)> SignUp(string? email = null, string? name = null)
    {
        var grain = Grains.GetGrain<IUserGrain>(Ids.New());
        var request = new SignUpRequest { Email = email ?? $"{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = name };
        var user = (await grain.SignUp(request)).Value!;
        return (grain, user, ApiCredential.FromApiKey(user.ApiKey!));
    }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(GrainCluster.Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>;

/// <summary>The same cluster with the default limits users get: 5 per second, a 30-second block.</summary>
public sealed class RateLimitedGrainCluster() : GrainCluster(permitsPerSecond: 5)
{
    public new const string Name = "rate-limited grain cluster";
}

[CollectionDefinition(RateLimitedGrainCluster.Name)]
public sealed class RateLimitedGrainClusterCollection : ICollectionFixture<RateLimitedGrainCluster>;

/// <summary>The same cluster with §11's limits lowered so that tests reach them: 2 cards, 3 spaces, 2 favorites a user.</summary>
public sealed class SmallLimitsCluster() : GrainCluster(permitsPerSecond: 1_000_000, settings: new Dictionary<string, string?>
{
    ["Limits:CardsPerSpace"] = "2",
    ["Limits:SpacesPerUser"] = "3",
    ["Limits:FavoritesPerUser"] = "2",
})
{
    public new const string Name = "small limits grain cluster";
}

[CollectionDefinition(SmallLimitsCluster.Name)]
public sealed class SmallLimitsClusterCollection : ICollectionFixture<SmallLimitsCluster>;
