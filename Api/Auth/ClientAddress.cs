using System.Net;
using System.Net.Sockets;

namespace Kinopio.Api.Auth;

/// <summary>
/// The key of a client's address bucket: an IPv4 address whole, an IPv6 address by its /64 (one
/// subscriber gets a whole /64, so per address it could take a fresh bucket for every request).
/// </summary>
public static class ClientAddress
{
    private const int Ipv6PrefixBytes = 8;

    /// <summary>The socket's address, already rewritten from X-Forwarded-For when a trusted proxy sent it.</summary>
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"{Prefix(v6)}/64",
        _ => address.ToString(),
    };

    private static IPAddress Prefix(IPAddress v6)
    {
        var bytes = v6.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixBytes, bytes.Length - Ipv6PrefixBytes);
        return new IPAddress(bytes);
    }
}
