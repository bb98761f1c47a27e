using System.Net;
using Kinopio.Grains.Accounts;
using Kinopio.Grains.Health;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Storage;
using Kinopio.Grains.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// The one place that says how a Kinopio silo or client is wired: the Silo process, the Api's
/// embedded silo, the Api as a cluster client and the tests all call these.
/// </summary>
public static class KinopioHosting
{
    private const string PostgresInvariant = "Npgsql";

    /// <summary>Clustering, storage and services of a silo, embedded (SQLite) or cluster (PostgreSQL).</summary>
    public static ISiloBuilder UseKinopio(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = KinopioSettings.From(configuration);
        if (settings.IsCluster)
        {
            silo.Services.AddClusterIdentity(settings);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresInvariant;
                options.ConnectionString = settings.PostgresConnectionString;
            });
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(KinopioSettings.MembershipSection));
            // A loopback address (one machine, tests) is listened on alone; otherwise every interface.
            if (IPAddress.TryParse(settings.AdvertisedHost, out var address))
                silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
            else
                silo.ConfigureEndpoints(settings.AdvertisedHost, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.AddAdoNetGrainStorage(KinopioStorage.PostgresName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<Serializer>((storage, serializer) =>
                {
                    storage.Invariant = PostgresInvariant;
                    storage.ConnectionString = settings.PostgresConnectionString;
                    storage.GrainStorageSerializer = StorageSerializer(serializer);
                }));
            silo.Services.AddGrainStorage(KinopioStorage.Name, (services, _) =>
                new WholeKeyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(KinopioStorage.PostgresName)));
            silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.PostgresConnectionString!));
            silo.Services.AddSingleton<IItemStore, PostgresItemStore>();
            silo.Services.AddSingleton<IStorageProbe, PostgresStorageProbe>();
            silo.UseKinopioTls(settings.Tls);
        }
        else
        {
            // The co-hosted client talks to its silo in process: no gateway (port 0 opens none), and
            // the silo port, which Orleans always opens, listens on loopback only.
            silo.UseLocalhostClustering(settings.SiloPort, gatewayPort: 0, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.Services.AddSingleton(services =>
            {
                var database = new SqliteDatabase(settings.DataPath);
                database.Committed += services.GetRequiredService<KinopioMetrics>().Committed;
                return database;
            });
            silo.Services.AddGrainStorage(KinopioStorage.Name, (services, _) =>
                new SqliteGrainStorage(services.GetRequiredService<SqliteDatabase>(), StorageSerializer(services.GetRequiredService<Serializer>())));
            silo.Services.AddSingleton<IItemStore, SqliteItemStore>();
            silo.Services.AddSingleton<IStorageProbe, SqliteStorageProbe>();
        }

        silo.Services.AddKinopioDataProtection(settings);
        if (DashboardSettings.From(configuration).Enabled)
            silo.AddDashboard(DashboardSettings.Configure);
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = settings.ResponseTimeout);
        silo.Services.AddKinopioGrainServices(configuration);
        return silo;
    }

    /// <summary>Grain state in memory, stored in the same format as the durable stores, and a key ring in memory: for grain tests.</summary>
    public static ISiloBuilder UseKinopioInMemory(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddMemoryGrainStorage(KinopioStorage.Name, (OptionsBuilder<MemoryGrainStorageOptions> options) =>
            options.Configure<Serializer>((storage, serializer) => storage.GrainStorageSerializer = StorageSerializer(serializer)));
        silo.Services.TryAddSingleton<IItemStore, MemoryItemStore>();
        silo.Services.TryAddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        silo.Services.AddKinopioGrainServices(configuration);
        return silo;
    }

    /// <summary>A client of a PostgreSQL cluster: it finds the silos' gateways in the membership table.</summary>
    public static IClientBuilder UseKinopio(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = KinopioSettings.From(configuration);
        client.Services.AddClusterIdentity(settings);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = settings.PostgresConnectionString;
        });
        client.UseKinopioTls(settings.Tls);
        if (DashboardSettings.From(configuration).Enabled)
            client.AddDashboard(DashboardSettings.Configure);
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = settings.ResponseTimeout);
        return client;
    }

    private static void AddClusterIdentity(this IServiceCollection services, KinopioSettings settings)
    {
        services.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.ClusterId;
            cluster.ServiceId = settings.ServiceId;
        });
        services.AddSingleton<IConfigurationValidator, ClusterIdentityValidator>();
    }

    /// <summary>What Kinopio grains need besides storage: options, the password hasher, the clock and the instruments.</summary>
    private static IServiceCollection AddKinopioGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.Configure<LimitOptions>(configuration.GetSection(LimitOptions.Section));
        services.TryAddSingleton(PasswordHasher.From(configuration));
        services.Configure<PasswordHashingOptions>(configuration.GetSection(PasswordHashingOptions.Section));
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<ApiKeyProtector>();
        services.Configure<ExploreOptions>(configuration.GetSection(ExploreOptions.Section));
        services.TryAddKeyedSingleton(KinopioClock.Key, TimeProvider.System);
        services.AddKinopioInstruments();
        return services;
    }

    /// <summary>
    /// Grain state is stored in the Orleans binary format: version-tolerant through the <c>[Id]</c>
    /// attributes on every stored record, in both stores.
    /// </summary>
    private static IGrainStorageSerializer StorageSerializer(Serializer serializer) => new OrleansGrainStorageSerializer(serializer);
}
