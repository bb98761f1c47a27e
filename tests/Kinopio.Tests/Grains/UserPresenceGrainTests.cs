using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Presence;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>Socket presence lives on leases its front end renews; a new activation learns it again from the renewal.</summary>
[Collection(GrainCluster.Name)]
public sealed class UserPresenceGrainTests(GrainCluster cluster)
{
    private async Task<(IUserGrain User, ApiCredential Key, string SpaceId)> InOpenSpace()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "open room", SpacePrivacy.Open);
        await user.CreateSpaces(key, [space]);
        Assert.Null((await user.EnterRoom(key, "socket-1", space.Id)).Problem);
        return (user, key, space.Id);
    }

    [Fact]
    public async Task A_socket_that_is_not_renewed_stops_counting_after_its_lease()
    {
        var (user, _, spaceId) = await InOpenSpace();
        Assert.Equal(spaceId, (await user.GetPresence())?.CurrentPublicSpace.Id);

        cluster.Clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Null(await user.GetPresence());
    }

    [Fact]
    public async Task A_renewed_socket_keeps_counting()
    {
        var (user, key, spaceId) = await InOpenSpace();
        for (var i = 0; i < 5; i++)
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
            await user.KeepInRooms(key, new Dictionary<string, string> { ["socket-1"] = spaceId });
        }

        Assert.Equal(spaceId, (await user.GetPresence())?.CurrentPublicSpace.Id);
    }

    [Fact]
    public async Task After_the_user_grain_is_reactivated_the_next_renewal_makes_the_socket_present_again()
    {
        var (user, key, spaceId) = await InOpenSpace();
        await user.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Null(await user.GetPresence());

        await user.KeepInRooms(key, new Dictionary<string, string> { ["socket-1"] = spaceId });

        Assert.Equal(spaceId, (await user.GetPresence())?.CurrentPublicSpace.Id);
        var listed = await cluster.Grains.GetGrain<ICurrentPublicSpacesGrain>(0).List();
        Assert.Contains(listed, present => present.Id == user.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_renewal_sent_before_a_leave_does_not_bring_the_socket_back()
    {
        var (user, key, spaceId) = await InOpenSpace();
        await user.LeaveRoom(key, "socket-1");

        await user.KeepInRooms(key, new Dictionary<string, string> { ["socket-1"] = spaceId });

        Assert.Null(await user.GetPresence());
    }

    [Fact]
    public async Task Leaving_the_room_ends_presence_at_once()
    {
        var (user, key, _) = await InOpenSpace();
        await user.LeaveRoom(key, "socket-1");
        Assert.Null(await user.GetPresence());
    }
}
