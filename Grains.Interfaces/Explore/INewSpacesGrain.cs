using Kinopio.Grains.Interfaces.Spaces;

namespace Kinopio.Grains.Interfaces.Explore;

/// <summary>
/// Answers <c>GET /space/new-spaces</c>: one stateless worker per silo that keeps the explore
/// list for a few seconds and asks each listed space, at every read, whether it is still listed.
/// </summary>
[Alias("Kinopio.INewSpacesGrain")]
public interface INewSpacesGrain : IGrainWithIntegerKey
{
    /// <summary>How many spaces <c>GET /space/new-spaces</c> shows (contract §10).</summary>
    public const int Shown = 30;

    [Alias("List")]
    Task<IReadOnlyList<SpaceSummary>> List();
}
