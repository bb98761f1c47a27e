using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>Certificates the tests make for themselves: self-signed, with the private key, valid for a day.</summary>
internal static class TestCertificate
{
    /// <summary>Writes a new one as a password-protected PFX file at <paramref name="path"/>, and returns the path.</summary>
    public static string WritePfx(string path, string subject, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
