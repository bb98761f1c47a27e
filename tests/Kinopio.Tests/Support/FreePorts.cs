using System.Net;
using System.Net.Sockets;

namespace Kinopio.Tests.Support;

/// <summary>Free loopback ports: on Linux two silos can bind one port silently, so every test host gets its own.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
