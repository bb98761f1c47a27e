using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>The UserGrain's summaries and the SpaceGrains' documents stay consistent, also after a failure in between.</summary>
[Collection(GrainCluster.Name)]
public sealed class SpaceGrainTests(GrainCluster cluster)
{

    private static NewSpace Space(string privacy = SpacePrivacy.Open) => new(Ids.New(), "a space", privacy);

    [Fact]
    public async Task A_created_space_is_in_the_owners_list_and_in_its_own_grain()
    {
        var (user, profile, key) = await cluster.SignUp();
        var space = Space();

        var created = await user.CreateSpaces(key, [space]);

        Assert.Equal(space.Id, created.Value!.Single().Id);
        Assert.Equal([space.Id], (await user.GetSpaces(key)).Value!.Select(s => s.Id));
        Assert.Equal(profile.Id, (await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).View(SpaceAccess.Anonymous)).Value!.UserId);
    }

    [Fact]
    public async Task A_summary_whose_space_is_gone_is_dropped_when_the_space_is_next_touched()
    {
        var (user, profile, key) = await cluster.SignUp();
        var space = Space();
        await user.CreateSpaces(key, [space]);
        await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).Delete(new SpaceAccess(profile.Id));

        Assert.Equal(ProblemKind.NotFound, (await user.ViewSpace(key, space.Id)).Problem?.Kind);
        Assert.Empty((await user.GetSpaces(key)).Value!);
    }

    [Fact]
    public async Task The_leftover_of_a_create_that_failed_half_way_is_taken_back_by_its_owner_only()
    {
        var (user, profile, key) = await cluster.SignUp();
        var (stranger, _, strangerKey) = await cluster.SignUp();
        var space = Space();
        await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).Create(new SpaceRecord
        {
            Id = space.Id, Name = "half made", Privacy = SpacePrivacy.Private, UserId = profile.Id,
        }, []);

        Assert.Equal(ProblemKind.Conflict, (await stranger.CreateSpaces(strangerKey, [space])).Problem?.Kind);
        Assert.Null((await user.CreateSpaces(key, [space])).Problem);
        Assert.Equal("a space", (await user.GetSpaces(key)).Value!.Single().Name);
    }

    [Fact]
    public async Task Spaces_removed_spaces_and_favorites_survive_deactivation()
    {
        var (user, _, key) = await cluster.SignUp();
        var (other, otherProfile, otherKey) = await cluster.SignUp();
        var kept = Space();
        var removed = Space();
        var favorite = Space(SpacePrivacy.Closed);
        await user.CreateSpaces(key, [kept, removed]);
        await user.RemoveSpace(key, removed.Id);
        await other.CreateSpaces(otherKey, [favorite]);
        await user.ToggleFavorite(key, new FavoriteToggle(FavoriteKind.Space, favorite.Id));
        await user.ToggleFavorite(key, new FavoriteToggle(FavoriteKind.User, otherProfile.Id));

        await user.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await cluster.Grains.GetGrain<ISpaceGrain>(favorite.Id).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal([kept.Id], (await user.GetSpaces(key)).Value!.Select(s => s.Id));
        Assert.Equal([removed.Id], (await user.GetRemovedSpaces(key)).Value!.Select(s => s.Id));
        var favorites = (await user.GetFavorites(key)).Value!;
        Assert.Equal([favorite.Id], favorites.FavoriteSpaces.Select(s => s.Id));
        Assert.Equal([otherProfile.Id], favorites.FavoriteUsers.Select(u => u.Id));
    }

    [Fact]
    public async Task Parallel_creates_never_lose_a_space()
    {
        var (user, _, key) = await cluster.SignUp();
        var spaces = Enumerable.Range(0, 25).Select(_ => Space()).ToList();

        await Task.WhenAll(spaces.Select(space => user.CreateSpaces(key, [space])));

        Assert.Equal(spaces.Select(s => s.Id).Order(), (await user.GetSpaces(key)).Value!.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task The_public_profile_shows_open_and_closed_spaces_that_are_not_removed()
    {
        var (user, _, key) = await cluster.SignUp();
        var open = Space(SpacePrivacy.Open);
        var closed = Space(SpacePrivacy.Closed);
        var hidden = Space(SpacePrivacy.Private);
        var removed = Space(SpacePrivacy.Open);
        await user.CreateSpaces(key, [open, closed, hidden, removed]);
        await user.RemoveSpace(key, removed.Id);

        var profile = await user.GetPublicProfile();
        Assert.Equal(new[] { open.Id, closed.Id }.Order(), profile!.Spaces.Select(s => s.Id).Order());
    }
}
