namespace Kinopio.Grains.Hosting;

/// <summary>Configuration section <c>Limits</c> (contract §11): past one → 403 <c>"limit reached"</c>, nothing written.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    public int SpacesPerUser { get; set; } = 5_000;
    public int CardsPerSpace { get; set; } = 10_000;
    public int ConnectionsPerSpace { get; set; } = 20_000;
    public int ConnectionTypesPerSpace { get; set; } = 500;
    public int FavoritesPerUser { get; set; } = 1_000;
    public int CollaboratorsPerSpace { get; set; } = 100;

    /// <summary>WebSockets open per user and per client address on one Api front end; past one the upgrade answers 429.</summary>
    public int SocketsPerUser { get; set; } = 20;
    public int SocketsPerAddress { get; set; } = 20;

    /// <summary>The body limit of <c>POST /operations</c>, <c>POST /space/multiple</c> and the <c>/multiple</c> item routes (§8).</summary>
    public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;
}
