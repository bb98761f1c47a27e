using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>
/// Issue 14, items 9 and 10: a failure after the first of two writes never makes a listing show more
/// than the SpaceGrain allows, and a favorite toggle that was written is answered as written.
/// </summary>
[Collection(FailingWritesCluster.Name)]
public sealed class ListingConsistencyTests(FailingWritesCluster cluster)
{
    [Fact]
    public async Task A_space_made_private_whose_summary_write_fails_is_not_in_the_public_profile()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "soon private", SpacePrivacy.Open);
        await user.CreateSpaces(key, [space]);

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.UpdateSpace(key, new SpacePatch(space.Id, null, SpacePrivacy.Private)));

        await AssertProfileListsOnlyViewableSpaces(user);
    }

    [Fact]
    public async Task A_removed_space_whose_summary_write_fails_is_not_in_the_public_profile()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "soon removed", SpacePrivacy.Closed);
        await user.CreateSpaces(key, [space]);

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.RemoveSpace(key, space.Id));

        await AssertProfileListsOnlyViewableSpaces(user);
    }

    [Fact]
    public async Task A_toggle_whose_lists_cannot_all_be_read_answers_what_was_written()
    {
        var (user, _, key) = await cluster.SignUp();
        var (unreadable, unreadableUser, _) = await cluster.SignUp();
        var (_, toggled, _) = await cluster.SignUp();
        await user.ToggleFavorite(key, new FavoriteToggle(FavoriteKind.User, unreadableUser.Id));
        await unreadable.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        FavoriteToggled answer;
        using (FailingWritesCluster.FailReadsOf(unreadable))
            answer = (await user.ToggleFavorite(key, new FavoriteToggle(FavoriteKind.User, toggled.Id))).Value!;

        Assert.True(answer.IsFavorite);
        Assert.Equal([toggled.Id], answer.FavoriteUsers.Select(favorite => favorite.Id));
        Assert.Equal([unreadableUser.Id, toggled.Id], (await user.GetFavorites(key)).Value!.FavoriteUsers.Select(favorite => favorite.Id));
    }

    private async Task AssertProfileListsOnlyViewableSpaces(IUserGrain user)
    {
        foreach (var listed in (await user.GetPublicProfile())!.Spaces)
            Assert.Null((await cluster.Grains.GetGrain<ISpaceGrain>(listed.Id).View(SpaceAccess.Anonymous)).Problem);
    }
}
