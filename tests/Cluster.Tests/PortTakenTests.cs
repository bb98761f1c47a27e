using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// The harness itself: ports are picked free long before the processes bind them, and another test
/// process (Kinopio.Tests runs in parallel under <c>dotnet test</c> of the solution) may take one
/// meanwhile. The harness must then not talk to that process, and starts its own on a fresh port.
/// </summary>
public sealed class PortTakenTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_silo_and_an_api_whose_ports_were_taken_start_again_on_fresh_ones()
    {
        // Squatters that answer any HTTP request 200, as another process's readiness route would.
        using var onGateway = Squatter.Start();
        using var onApi = Squatter.Start();
        // Order: silo0's silo and gateway ports, silo1's, then api0's.
        int[] ports = [FreePort.Next(), onGateway.Port, FreePort.Next(), FreePort.Next(), onApi.Port];

        await using var cluster = await KinopioCluster.StartAsync(output, ports: ports);

        Assert.NotEqual(onApi.Port, cluster.RealtimeUri(0).Port);
        Assert.Equal(0, onApi.Requests);
        var user = await cluster.Client.SignUpAsync("ours@example.com", "password-ours");
        Assert.Equal(user.Id, (await cluster.Client.GetUserAsync(user.ApiKey)).GetProperty("id").GetString());
        Assert.Equal(0, onApi.Requests);
    }

    /// <summary>Holds a port on 127.0.0.1 and answers every connection with an empty HTTP 200.</summary>
    private sealed class Squatter : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private int requests;

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
        public int Requests => Volatile.Read(ref requests);

        public static Squatter Start()
        {
            var squatter = new Squatter();
            squatter.listener.Start();
            _ = squatter.AnswerAll();
            return squatter;
        }

        public void Dispose() => listener.Stop();

        private async Task AnswerAll()
        {
            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref requests);
                    await client.GetStream().WriteAsync(answer);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // Stopped.
            }
        }
    }
}
