using Kinopio.Grains.Accounts;
using Kinopio.Grains.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// The key ring that encrypts the stored apiKeys (<see cref="ApiKeyProtector"/>), kept apart from
/// the grain state: embedded, private files in <see cref="KinopioSettings.KeysPath"/>; in a cluster,
/// the table <c>kinopio_data_protection_key</c> that every silo reads. One application name
/// everywhere, so any silo decrypts what another encrypted. With <see cref="KinopioSettings.KeyRing"/>
/// set, each key of the ring is stored encrypted with that certificate (and read back with it).
/// </summary>
public static class KinopioDataProtection
{
    public const string ApplicationName = "kinopio";

    public static IServiceCollection AddKinopioDataProtection(this IServiceCollection services, KinopioSettings settings)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (settings.IsCluster)
            services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((keys, database) => keys.XmlRepository = new PostgresXmlRepository(database));
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(PrivateFiles.EnsureFolder(settings.KeysPath)));
        if (settings.KeyRing.IsEnabled)
            dataProtection.ProtectKeysWithCertificate(settings.KeyRing.LoadCertificate());
        return services;
    }
}
