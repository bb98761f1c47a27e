using Kinopio.Grains.Interfaces.Explore;
using Kinopio.Grains.Interfaces.Spaces;
using Microsoft.Extensions.Logging;

namespace Kinopio.Grains.Spaces;

/// <summary>The space's place in the explore list (contract §10, <c>GET /space/new-spaces</c>).</summary>
public sealed partial class SpaceGrain
{
    public Task<SpaceRecord?> GetExplorable() => Task.FromResult(SpaceRights.IsExplorable(Space) ? Space : null);

    /// <summary>
    /// Tells the explore list what a saved change of the record means for it, after every write of
    /// the record (create, update, remove, restore, delete): a space that becomes explorable, or is
    /// renamed while it is, goes to the front; one that stops being explorable leaves. The change of
    /// the space is durable already, so a failure here is logged and the request succeeds: the space
    /// then waits for its next change to be listed, and readers never show a space its grain does
    /// not call explorable, told or not.
    /// </summary>
    private async Task TellExplore(SpaceRecord? before, SpaceRecord? after)
    {
        var wasListed = SpaceRights.IsExplorable(before);
        var isListed = SpaceRights.IsExplorable(after);
        var explore = GrainFactory.GetGrain<IExploreGrain>(0);
        try
        {
            if (isListed && (!wasListed || before!.Name != after!.Name))
                await explore.Put(new ExploreEntry(after!.Id, after.UserId, after.UpdatedAt));
            else if (wasListed && !isListed)
                await explore.Drop(before!.Id);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell the explore list about space {SpaceId}", (after ?? before)!.Id);
        }
    }
}
