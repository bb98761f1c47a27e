using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// Cluster mode outside the Development environment refuses to start with the default identity
/// (<see cref="KinopioSettings.DefaultIdentity"/>): every copy of this code has it, so two clusters
/// on one database or network would take each other's processes for their own.
/// </summary>
public sealed class ClusterIdentityValidator(IOptions<ClusterOptions> cluster, IHostEnvironment environment) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (environment.IsDevelopment())
            return;
        if (cluster.Value.ClusterId == KinopioSettings.DefaultIdentity || cluster.Value.ServiceId == KinopioSettings.DefaultIdentity)
            throw new OrleansConfigurationException(
                $"Kinopio:ClusterId and Kinopio:ServiceId are still \"{KinopioSettings.DefaultIdentity}\", the default of every Kinopio server: " +
                "outside the Development environment set both to your cluster's own names (e.g. Kinopio__ClusterId=acme-prod Kinopio__ServiceId=acme-kinopio), " +
                "the same on every Silo and Api process of the cluster.");
    }
}
