using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;
using static Kinopio.Tests.Support.Edits;

namespace Kinopio.Tests.Grains;

/// <summary>A space's content under parallel edits, across deactivation, and its limits.</summary>
[Collection(GrainCluster.Name)]
public sealed class ContentGrainTests(GrainCluster cluster)
{
    private async Task<(Kinopio.Grains.Interfaces.Users.IUserGrain User, Kinopio.Grains.Interfaces.Users.ApiCredential Key, string SpaceId)> SpaceOfNewUser()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "content", SpacePrivacy.Closed);
        await user.CreateSpaces(key, [space]);
        return (user, key, space.Id);
    }

    private Task<FullSpace> View(string spaceId) =>
        cluster.Grains.GetGrain<ISpaceGrain>(spaceId).ViewFull(SpaceAccess.Anonymous).ContinueWith(view => view.Result.Value!);

    [Fact]
    public async Task Forty_parallel_creates_then_forty_parallel_moves_lose_nothing()
    {
        var (user, key, space) = await SpaceOfNewUser();
        var ids = Enumerable.Range(0, 40).Select(i => $"card-{i}").ToList();

        var created = await Task.WhenAll(ids.Select(id => user.EditContent(key, space, [NewCard(id)])));
        var moved = await Task.WhenAll(ids.Select((id, i) => user.EditContent(key, space, [MoveCard(id, i, 2 * i)])));

        Assert.All(created.Concat(moved), outcome => Assert.Null(outcome.Problem));
        var cards = (await View(space)).Cards;
        Assert.Equal(ids.Order(), cards.Select(card => card.Id).Order());
        Assert.All(cards, card => Assert.Equal(2 * card.X, card.Y));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (double)i), cards.Select(card => card.X).Order());
        Assert.Equal(40, (await user.GetUser(key)).Value!.CardsCreatedCount);
    }

    [Fact]
    public async Task Content_survives_deactivation_in_the_order_first_stored()
    {
        var (user, key, space) = await SpaceOfNewUser();
        await user.EditContent(key, space, [NewCard("b"), NewCard("a"), NewType("t")]);
        await user.EditContent(key, space, [NewConnection("l", "a", "b", "t"), MoveCard("b", 7, 8), NewCard("c")]);
        await user.EditContent(key, space, [DeleteCard("a"), NewCard("d")]);

        await cluster.Grains.GetGrain<ISpaceGrain>(space).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var view = await View(space);

        Assert.Equal(["b", "c", "d"], view.Cards.Select(card => card.Id));
        Assert.Equal(7, view.Cards[0].X);
        Assert.Empty(view.Connections);
        Assert.Equal(["t"], view.ConnectionTypes.Select(type => type.Id));
    }

    [Fact]
    public async Task A_refused_item_in_a_batch_refuses_the_whole_batch()
    {
        var (user, key, space) = await SpaceOfNewUser();
        var outcome = await user.EditContent(key, space, [NewCard("fine"), NewConnection("l", "fine", "missing", "t"), NewCard("never")]);

        var results = outcome.Value!.Results;
        Assert.Equal(2, results.Count);
        Assert.Equal(ProblemKind.BadRequest, results[1].Problem?.Kind);
        Assert.Empty((await View(space)).Cards);
        Assert.Equal(0, (await user.GetUser(key)).Value!.CardsCreatedCount);
    }
}
