using System.Net;
using System.Net.Sockets;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// HTTP clients whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, …:
/// Linux routes all of 127.0.0.0/8 to the loopback interface). The Api sees that address as the
/// client's, so each gets an anonymous rate-limit bucket of its own, untouched by the harness's
/// requests, which all come from 127.0.0.1.
/// </summary>
internal static class LoopbackSource
{
    public static HttpClient Client(IPAddress source) => new(Handler(source)) { Timeout = TimeSpan.FromSeconds(45) };

    public static SocketsHttpHandler Handler(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
