namespace Kinopio.Tests.Support;

/// <summary>Client addresses a test sends from (through the trusted loopback proxy's <c>X-Forwarded-For</c>), so its buckets and caps are fresh.</summary>
public static class ClientAddresses
{
    public static string New() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}
