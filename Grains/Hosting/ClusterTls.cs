using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// TLS on the silo and gateway connections of a cluster (<see cref="KinopioSettings.Tls"/>): both ends must
/// present the cluster's certificate, and a peer is believed only when it presents that very
/// certificate (pinned, so a self-signed one is enough and no other certificate, however valid, joins).
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseKinopioTls(this ISiloBuilder silo, CertificateFile settings)
    {
        if (settings.IsEnabled)
        {
            var certificate = settings.LoadCertificate();
            silo.UseTls(certificate, options => RequireSame(options, certificate));
        }
        return silo;
    }

    public static IClientBuilder UseKinopioTls(this IClientBuilder client, CertificateFile settings)
    {
        if (settings.IsEnabled)
        {
            var certificate = settings.LoadCertificate();
            client.UseTls(certificate, options => RequireSame(options, certificate));
        }
        return client;
    }

    private static void RequireSame(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span);
    }
}
