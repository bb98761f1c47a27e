using System.Security.Cryptography.X509Certificates;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// A certificate given by configuration: a PKCS#12 / PFX file with its private key, and the file's
/// password. Unset (no path), the feature it serves is off (<see cref="KinopioSettings.Tls"/>,
/// <see cref="KinopioSettings.KeyRing"/>).
/// </summary>
public sealed class CertificateFile
{
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword);
}
