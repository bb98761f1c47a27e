using System.Net;
using System.Net.Sockets;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice in a test run.</summary>
internal static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                    return port;
            }
            throw new InvalidOperationException("no free loopback port found in 100 attempts");
        }
    }
}
