namespace Kinopio.Grains.Interfaces.Health;

/// <summary>
/// The readiness probe's way into the cluster: that it answers says the silo (or cluster) is reachable;
/// what it answers says whether the store below it reads. A stateless worker: any silo answers locally.
/// </summary>
[Alias("Kinopio.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Null when a cheap read of the store succeeds; otherwise what failed.</summary>
    [Alias("CheckStorage")]
    Task<string?> CheckStorage();
}
