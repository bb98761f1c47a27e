using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Operations;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>A write that fails leaves nothing half-applied: no change, no duplicate email or name, no lost space.</summary>
[Collection(FailingWritesCluster.Name)]
public sealed class FailedWriteTests(FailingWritesCluster cluster)
{
    [Fact]
    public async Task A_rename_whose_write_fails_keeps_the_old_name_and_frees_the_new_one()
    {
        var oldName = $"old{Guid.NewGuid():N}"[..16];
        var newName = $"new{Guid.NewGuid():N}"[..16];
        var (user, _, key) = await cluster.SignUp(name: oldName);

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.UpdateUser(key, new UserPatch { Name = newName, Description = "lost" }));

        var after = (await user.GetUser(key)).Value!;
        Assert.Equal(oldName, after.Name);
        Assert.Equal("", after.Description);
        var someoneElse = cluster.Grains.GetGrain<IUserGrain>(Ids.New());
        Assert.Equal(ProblemKind.Conflict, (await someoneElse.SignUp(new SignUpRequest { Email = $"{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = oldName })).Problem?.Kind);
        Assert.Null((await someoneElse.SignUp(new SignUpRequest { Email = $"{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = newName })).Problem);
    }

    [Fact]
    public async Task An_email_claim_whose_write_fails_is_not_believed_by_the_index_afterwards()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var index = cluster.Grains.GetGrain<IEmailGrain>(email);
        var first = cluster.Grains.GetGrain<IUserGrain>(Ids.New());
        var request = new SignUpRequest { Email = email, Password = "correct horse" };

        using (FailingWritesCluster.FailWritesOf(index))
            await Assert.ThrowsAnyAsync<Exception>(() => first.SignUp(request));
        Assert.Null((await first.SignUp(request)).Problem);

        await index.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var second = cluster.Grains.GetGrain<IUserGrain>(Ids.New());
        Assert.Equal(ProblemKind.Conflict, (await second.SignUp(request)).Problem?.Kind);
    }

    [Fact]
    public async Task A_space_create_whose_summary_write_fails_leaves_no_space_behind()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "never made", SpacePrivacy.Open);

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.CreateSpaces(key, [space]));

        Assert.Empty((await user.GetSpaces(key)).Value!);
        Assert.Equal(ProblemKind.NotFound, (await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).View(SpaceAccess.Anonymous)).Problem?.Kind);
    }

    [Fact]
    public async Task A_batch_create_in_which_one_space_fails_to_write_leaves_none_of_them()
    {
        var (user, _, key) = await cluster.SignUp();
        var spaces = Enumerable.Range(0, 3).Select(i => new NewSpace(Ids.New(), $"space {i}", SpacePrivacy.Open)).ToList();

        using (FailingWritesCluster.FailWritesOf(cluster.Grains.GetGrain<ISpaceGrain>(spaces[1].Id)))
            await Assert.ThrowsAnyAsync<Exception>(() => user.CreateSpaces(key, spaces));

        Assert.Empty((await user.GetSpaces(key)).Value!);
        foreach (var space in spaces)
            Assert.Equal(ProblemKind.NotFound, (await cluster.Grains.GetGrain<ISpaceGrain>(space.Id).View(SpaceAccess.Anonymous)).Problem?.Kind);
    }

    [Fact]
    public async Task A_favorite_toggle_whose_write_fails_changes_nothing()
    {
        var (user, _, key) = await cluster.SignUp();
        var (_, other, _) = await cluster.SignUp();

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.ToggleFavorite(key, new FavoriteToggle(FavoriteKind.User, other.Id)));

        Assert.Empty((await user.GetFavorites(key)).Value!.FavoriteUsers);
    }

    [Fact]
    public async Task A_content_batch_whose_write_fails_leaves_no_item_and_no_count()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "content", SpacePrivacy.Open);
        await user.CreateSpaces(key, [space]);
        var grain = cluster.Grains.GetGrain<ISpaceGrain>(space.Id);

        using (FailingWritesCluster.FailWritesOf(grain))
            await Assert.ThrowsAnyAsync<Exception>(() => user.EditContent(key, space.Id, [Edits.NewCard("a"), Edits.NewCard("b"), Edits.NewType("t")]));

        var view = (await grain.ViewFull(SpaceAccess.Anonymous)).Value!;
        Assert.Empty(view.Cards);
        Assert.Empty(view.ConnectionTypes);
        Assert.Equal(0, (await user.GetUser(key)).Value!.CardsCreatedCount);
        Assert.Null((await user.EditContent(key, space.Id, [Edits.NewCard("a")])).Value!.Results[0].Problem);
        Assert.Equal(["a"], (await grain.ViewFull(SpaceAccess.Anonymous)).Value!.Cards.Select(card => card.Id));
    }

    [Fact]
    public async Task A_card_deletion_whose_write_fails_keeps_the_card_and_its_connections()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "content", SpacePrivacy.Open);
        await user.CreateSpaces(key, [space]);
        var grain = cluster.Grains.GetGrain<ISpaceGrain>(space.Id);
        await user.EditContent(key, space.Id, [Edits.NewCard("a"), Edits.NewCard("b"), Edits.NewType("t"), Edits.NewConnection("l", "a", "b", "t")]);

        using (FailingWritesCluster.FailWritesOf(grain))
            await Assert.ThrowsAnyAsync<Exception>(() => user.EditContent(key, space.Id, [Edits.DeleteCard("a")]));

        var view = (await grain.ViewFull(SpaceAccess.Anonymous)).Value!;
        Assert.Equal(["a", "b"], view.Cards.Select(card => card.Id));
        Assert.Equal(["l"], view.Connections.Select(connection => connection.Id));
    }

    [Fact]
    public async Task A_space_deletion_whose_write_fails_keeps_the_space_and_its_content()
    {
        var (user, _, key) = await cluster.SignUp();
        var space = new NewSpace(Ids.New(), "content", SpacePrivacy.Open);
        await user.CreateSpaces(key, [space]);
        var grain = cluster.Grains.GetGrain<ISpaceGrain>(space.Id);
        await user.EditContent(key, space.Id, [Edits.NewCard("a")]);

        using (FailingWritesCluster.FailWritesOf(grain))
            await Assert.ThrowsAnyAsync<Exception>(() => user.DeleteSpace(key, space.Id));

        Assert.Equal(["a"], (await grain.ViewFull(SpaceAccess.Anonymous)).Value!.Cards.Select(card => card.Id));
        Assert.Equal([space.Id], (await user.GetSpaces(key)).Value!.Select(s => s.Id));
    }

    [Fact]
    public async Task A_storage_failure_inside_a_batch_keeps_earlier_operations_applied_and_refuses_the_failing_one_with_503()
    {
        var (user, _, key) = await cluster.SignUp();
        var healthy = new NewSpace(Ids.New(), "healthy", SpacePrivacy.Open);
        var failing = new NewSpace(Ids.New(), "failing", SpacePrivacy.Open);
        await user.CreateSpaces(key, [healthy, failing]);
        Operation Card(int index, string spaceId, string id) => new ItemOperation(spaceId, Edits.NewCard(id)) { Index = index, Name = "createCard" };

        IReadOnlyList<OperationResult> results;
        using (FailingWritesCluster.FailWritesOf(cluster.Grains.GetGrain<ISpaceGrain>(failing.Id)))
            results = (await user.ApplyOperations(key, [
                Card(0, healthy.Id, "a"),
                new UpdateUserOperation(new UserPatch { Description = "applied" }) { Index = 1, Name = "updateUser" },
                Card(2, failing.Id, "b"),
                Card(3, healthy.Id, "c"),
            ])).Value!;

        Assert.Equal([null, null, ProblemKind.Unavailable, null], results.Select(result => result.Problem?.Kind));
        Assert.Equal(["a", "c"], (await cluster.Grains.GetGrain<ISpaceGrain>(healthy.Id).ViewFull(SpaceAccess.Anonymous)).Value!.Cards.Select(card => card.Id));
        Assert.Empty((await cluster.Grains.GetGrain<ISpaceGrain>(failing.Id).ViewFull(SpaceAccess.Anonymous)).Value!.Cards);
        var after = (await user.GetUser(key)).Value!;
        Assert.Equal("applied", after.Description);
        Assert.Equal(2, after.CardsCreatedCount);
    }
}
