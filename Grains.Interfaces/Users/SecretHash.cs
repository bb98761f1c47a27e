using System.Security.Cryptography;
using System.Text;

namespace Kinopio.Grains.Interfaces.Users;

/// <summary>How secrets (apiKeys, reset tokens) are kept: only their SHA-256, in lowercase hex, compared in constant time.</summary>
public static class SecretHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string hash, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(expected));
}
