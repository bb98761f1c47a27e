using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Salted PBKDF2-HMAC-SHA512, stored as <c>pbkdf2-sha512$iterations$salt$hash</c> (base64). New hashes
/// use <see cref="Iterations"/>; a stored hash carries its own count, so any hash verifies.
/// </summary>
public sealed class PasswordHasher(int iterations = PasswordHasher.DefaultIterations)
{
    public const int DefaultIterations = 100_000;

    /// <summary>Bench only (seeding thousands of users): a lower count for new hashes. Never lowered by default.</summary>
    public const string IterationsKey = "Kinopio:PasswordIterations";

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha512";

    public int Iterations { get; } = iterations > 0
        ? iterations
        : throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"{IterationsKey} must be positive");

    public static PasswordHasher From(IConfiguration configuration) =>
        new(configuration.GetValue(IterationsKey, DefaultIterations));

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations <= 0)
            return false;
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, Convert.FromBase64String(parts[2]), iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Spends the same time as a real check, so an unknown email answers no faster than a wrong password: always false.</summary>
    public bool VerifyNothing(string password)
    {
        Derive(password, new byte[SaltBytes], Iterations);
        return false;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
}
