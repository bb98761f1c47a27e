using Microsoft.Extensions.Configuration;

namespace Kinopio.Grains.Hosting;

/// <summary>
/// Configuration section <c>Kinopio</c> plus <c>ConnectionStrings:Postgres</c>. With a Postgres
/// connection string the process is part of a PostgreSQL cluster; without one it is the embedded
/// single-process server on a local SQLite file.
/// </summary>
public sealed class KinopioSettings
{
    public const string Section = "Kinopio";

    /// <summary>
    /// Cluster mode: Orleans <c>ClusterMembershipOptions</c> (ProbeTimeout, NumMissedProbesLimit, …) bound from
    /// <c>Kinopio:Membership</c>; how fast a dead silo is noticed and its grains move.
    /// </summary>
    public const string MembershipSection = Section + ":Membership";

    /// <summary>The SQLite file of the embedded mode.</summary>
    public string DataPath { get; set; } = "data/kinopio.db";

    /// <summary>The folder of the data file: the embedded server keeps everything it writes in it.</summary>
    public string DataFolder => Path.GetDirectoryName(Path.GetFullPath(DataPath))!;

    /// <summary>Emails written as files when no SMTP server is configured: <c>outbox/</c> beside the data file.</summary>
    public string OutboxPath => Path.Combine(DataFolder, "outbox");

    /// <summary>The embedded mode's Data Protection key ring, which decrypts the apiKeys stored in the data file: <c>keys/</c> beside it.</summary>
    public string KeysPath => Path.Combine(DataFolder, "keys");

    /// <summary>The web client's address, for links in emails (<c>&lt;ClientUrl&gt;/reset-password?apiKey=…</c>).</summary>
    public string ClientUrl { get; set; } = "http://kinopio.local:8080";

    /// <summary>The Orleans cluster identity nobody set: fine for development, refused by a cluster elsewhere (<see cref="ClusterIdentityValidator"/>).</summary>
    public const string DefaultIdentity = "kinopio";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = DefaultIdentity;
    public string ServiceId { get; set; } = DefaultIdentity;

    /// <summary>
    /// How long a grain call waits for its answer (Orleans' default is 30 s): a call in flight to a
    /// silo that died fails after this, and the request answers 503, instead of holding the client.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The address (IP or host name) a cluster silo tells others to reach it at.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Cluster mode: the Silo applies the PostgreSQL migrations at start (off when an operator applies them).</summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>
    /// Cluster mode: TLS between silos and clients, off unless a certificate is configured. Every silo
    /// and every Api of the cluster speaks TLS on the silo and gateway ports, presents this certificate
    /// and accepts only peers that present the same one.
    /// </summary>
    public CertificateFile Tls { get; set; } = new();

    /// <summary>
    /// The certificate that encrypts the Data Protection key ring at rest (the keys that encrypt the
    /// stored apiKeys): with it, a copy of the database (or of the data folder) without the
    /// certificate reveals no apiKey. Off unless configured; both modes.
    /// </summary>
    public CertificateFile KeyRing { get; set; } = new();

    public string? PostgresConnectionString { get; set; }

    public bool IsCluster => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public static KinopioSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<KinopioSettings>() ?? new KinopioSettings();
        settings.PostgresConnectionString = configuration.GetConnectionString("Postgres");
        return settings;
    }
}
