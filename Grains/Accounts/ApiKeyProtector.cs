using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Encrypts the apiKey a user's state keeps (to show it on sign-in and <c>GET /user</c>) with the
/// silo's Data Protection key ring, so the stored state alone reveals no key.
/// </summary>
public sealed class ApiKeyProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Kinopio.ApiKey");

    public string Protect(string apiKey) => _protector.Protect(apiKey);

    /// <summary>
    /// The key, or null when the key ring cannot decrypt it (its key is gone or revoked: a lost ring).
    /// Data Protection throws those as a <see cref="CryptographicException"/> of its own; a failure to
    /// read the ring (storage down) comes wrapped, with an inner exception, and is thrown on.
    /// </summary>
    public string? Unprotect(string stored)
    {
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException e) when (e.InnerException is null)
        {
            return null;
        }
    }
}
