using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Kinopio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Http;

/// <summary>
/// Issue 14, item 7: the embedded server opens no Orleans gateway, and the silo port, which Orleans
/// always opens, listens on loopback alone.
/// </summary>
public sealed class EmbeddedPortsTests : IAsyncLifetime
{
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly ApiHost _host;

    public EmbeddedPortsTests() => _host = new ApiHost(ApiHost.NewDatabasePath(), new FakeTimeProvider(DateTimeOffset.UtcNow), settings: new Dictionary<string, string?>
    {
        ["Kinopio:SiloPort"] = _siloPort.ToString(),
        ["Kinopio:GatewayPort"] = _gatewayPort.ToString(),
    });

    [Fact]
    public async Task No_gateway_listens_and_the_silo_port_only_on_loopback()
    {
        Assert.Equal(HttpStatusCode.OK, (await new KinopioClient(_host.CreateClient()).Get("/")).Status);

        Assert.False(await Accepts(IPAddress.Loopback, _gatewayPort), "the embedded silo opened a gateway");
        Assert.True(await Accepts(IPAddress.Loopback, _siloPort), "the embedded silo's port is not where the test looks");
        foreach (var address in NonLoopbackAddresses())
            Assert.False(await Accepts(address, _siloPort), $"the embedded silo's port listens on {address}");
    }

    private static IEnumerable<IPAddress> NonLoopbackAddresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(network => network.OperationalStatus == OperationalStatus.Up)
        .SelectMany(network => network.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));

    private static async Task<bool> Accepts(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
