using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Tests.Support;
using static Kinopio.Tests.Support.Edits;

namespace Kinopio.Tests.Grains;

/// <summary>Contract §11 for content, on a cluster whose limits are small enough to reach.</summary>
[Collection(SmallLimitsCluster.Name)]
public sealed class ContentLimitTests(SmallLimitsCluster cluster)
{
    [Fact]
    public async Task Past_the_cards_limit_a_create_is_refused_and_nothing_of_its_batch_is_written()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "full", SpacePrivacy.Closed);
        await user.CreateSpaces(key, [space]);
        await user.EditContent(key, space.Id, [NewCard("1"), NewCard("2")]);

        var refused = await user.EditContent(key, space.Id, [MoveCard("1", 5, 5), NewCard("3")]);

        Assert.Equal(ProblemKind.LimitReached, refused.Value!.Results[^1].Problem?.Kind);
        Assert.Contains("2 cards", refused.Value.Results[^1].Problem!.Message);
        var cards = (await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).ViewFull(SpaceAccess.Anonymous)).Value!.Cards;
        Assert.Equal(["1", "2"], cards.Select(card => card.Id));
        Assert.Equal(100, cards[0].X);
        Assert.Null((await user.EditContent(key, space.Id, [MoveCard("1", 5, 5)])).Value!.Results[0].Problem);
    }

    [Fact]
    public async Task Past_the_spaces_limit_a_create_is_refused_removed_spaces_counting_too()
    {
        var (user, _, key) = await cluster.SignUp();
        var first = new NewSpace(Ids.New(), "one", SpacePrivacy.Closed);
        await user.CreateSpaces(key, [first, new NewSpace(Ids.New(), "two", SpacePrivacy.Closed)]);
        await user.RemoveSpace(key, first.Id);

        Assert.Equal(ProblemKind.LimitReached, (await user.CreateSpaces(key, [new(Ids.New(), "three", SpacePrivacy.Closed), new(Ids.New(), "four", SpacePrivacy.Closed)])).Problem?.Kind);
        Assert.Null((await user.CreateSpaces(key, [new(Ids.New(), "three", SpacePrivacy.Closed)])).Problem);
        Assert.Equal(ProblemKind.LimitReached, (await user.CreateSpaces(key, [new(Ids.New(), "four", SpacePrivacy.Closed)])).Problem?.Kind);
        Assert.Equal(2, (await user.GetSpaces(key)).Value!.Count);
    }

    [Fact]
    public async Task Past_the_favorites_limit_an_add_is_refused_and_a_removal_still_works()
    {
        var (user, _, key) = await cluster.SignUp();
        var others = new[] { await cluster.SignUp(), await cluster.SignUp(), await cluster.SignUp() };
        await user.ToggleFavorite(key, new(Kinopio.Grains.Interfaces.Users.FavoriteKind.User, others[0].User.Id));
        await user.ToggleFavorite(key, new(Kinopio.Grains.Interfaces.Users.FavoriteKind.User, others[1].User.Id));

        Assert.Equal(ProblemKind.LimitReached, (await user.ToggleFavorite(key, new(Kinopio.Grains.Interfaces.Users.FavoriteKind.User, others[2].User.Id))).Problem?.Kind);
        Assert.False((await user.ToggleFavorite(key, new(Kinopio.Grains.Interfaces.Users.FavoriteKind.User, others[0].User.Id))).Value!.IsFavorite);
    }
}
