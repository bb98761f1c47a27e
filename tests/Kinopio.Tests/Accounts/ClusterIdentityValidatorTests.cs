using Kinopio.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Kinopio.Tests.Accounts;

/// <summary>Issue 14, item 7: a cluster outside Development refuses the default identity with a clear error.</summary>
public sealed class ClusterIdentityValidatorTests
{
    [Theory]
    [InlineData("kinopio", "acme")]
    [InlineData("acme", "kinopio")]
    public void Production_refuses_the_default_cluster_or_service_id(string clusterId, string serviceId)
    {
        var error = Assert.Throws<OrleansConfigurationException>(() => Validator(Environments.Production, clusterId, serviceId).ValidateConfiguration());
        Assert.Contains("Kinopio:ClusterId and Kinopio:ServiceId", error.Message);
    }

    [Fact]
    public void Production_takes_a_named_cluster_and_development_the_default()
    {
        Validator(Environments.Production, "acme", "acme-kinopio").ValidateConfiguration();
        Validator(Environments.Development, KinopioSettings.DefaultIdentity, KinopioSettings.DefaultIdentity).ValidateConfiguration();
    }

    private static ClusterIdentityValidator Validator(string environment, string clusterId, string serviceId) => new(
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = serviceId }),
        new HostingEnvironment { EnvironmentName = environment });
}
