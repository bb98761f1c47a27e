using System.Security.Cryptography.X509Certificates;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// <c>Kinopio:Tls</c>: the cluster's certificate (a PKCS#12 / PFX file with its private key). Set,
/// every silo and every Api of the cluster speaks TLS on the silo and gateway ports, presents this
/// certificate and accepts only peers that present the same one; unset, those ports speak plain TCP.
/// </summary>
public sealed class TlsSettings
{
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword);
}
