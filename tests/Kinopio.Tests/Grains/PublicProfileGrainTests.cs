using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Grains;

/// <summary>Issue 14, item 5: a listing builds its owner once, whatever the number of spaces.</summary>
[Collection(GrainCluster.Name)]
public sealed class PublicProfileGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task Every_listed_space_shares_one_owner_object()
    {
        var (user, _, key) = await cluster.SignUp();
        await user.CreateSpaces(key, Enumerable.Range(0, 3).Select(i => new NewSpace(Ids.New(), $"space {i}", SpacePrivacy.Open)).ToList());

        var listed = (await user.GetPublicProfile())!.Spaces;
        Assert.Equal(3, listed.Count);
        Assert.All(listed, space => Assert.Same(listed[0].Users[0], space.Users[0]));
        var own = (await user.GetSpaces(key)).Value!;
        Assert.All(own, space => Assert.Same(own[0].Users[0], space.Users[0]));
    }
}
