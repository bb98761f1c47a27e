using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// Favorite users and spaces: ids in this grain's state, shown as they are now. Each list is
/// resolved on read, so a deleted user, a deleted or removed space, or a space that became
/// private is left out without breaking the list.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<UserWithFavorites>> GetFavorites(ApiCredential credential)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var (users, spaces) = await ResolveFavorites();
        return new UserWithFavorites(Shown(withApiKey: false)) { FavoriteUsers = users, FavoriteSpaces = spaces };
    }

    public async Task<Outcome<FavoriteToggled>> ToggleFavorite(ApiCredential credential, FavoriteToggle toggle)
    {
        if (Authenticate(credential) is { } problem)
            return problem;
        var toggled = await Toggle(toggle);
        if (toggled.Problem is { } refused)
            return refused;
        var (users, spaces) = await ResolveFavorites();
        return new FavoriteToggled { FavoriteUsers = users, FavoriteSpaces = spaces, IsFavorite = toggled.Value };
    }

    /// <summary>
    /// <c>PATCH /user/favorites</c> and <c>addOrRemoveFavorite</c>: the toggle, and the new state of
    /// the toggled one (the operation shows no lists, so it resolves none).
    /// </summary>
    private async Task<Outcome<bool>> Toggle(FavoriteToggle toggle)
    {
        var ids = toggle.Kind == FavoriteKind.User ? _favoriteUserIds : _favoriteSpaceIds;
        var isFavorite = !ids.Contains(toggle.Id);
        if (isFavorite && _favoriteUserIds.Count + _favoriteSpaceIds.Count >= limits.Value.FavoritesPerUser)
            return Problem.LimitReached($"a user keeps at most {limits.Value.FavoritesPerUser} favorites");
        if (isFavorite && await CannotFavorite(toggle) is { } refused)
            return refused;

        await StoreFavorite(toggle.Kind, toggle.Id, isFavorite);
        return isFavorite;
    }

    private async Task<Problem?> CannotFavorite(FavoriteToggle toggle)
    {
        if (toggle.Kind == FavoriteKind.User)
        {
            if (toggle.Id == UserId)
                return Problem.BadRequest("id is yours: you can't favorite yourself");
            return await OtherUser(toggle.Id).GetPublicUser() is null ? Problem.NotFound("user not found") : null;
        }

        var space = await SpaceGrain(toggle.Id).View(Access);
        return space.Problem is not null || space.Value!.IsRemoved ? Problem.NotFound("space not found") : null;
    }

    /// <summary>
    /// The favorites as they can be shown now: deleted ones and spaces the user can no longer view are
    /// left out, and so is one whose grain cannot answer now (its silo died, its storage fails). A
    /// toggle is durable before the lists are read: failing its answer then would make the client's
    /// retry toggle it back, so the lists show what could be read and <c>isFavorite</c> what was written.
    /// </summary>
    private async Task<(IReadOnlyList<PublicUser> Users, IReadOnlyList<SpaceSummary> Spaces)> ResolveFavorites()
    {
        var users = Task.WhenAll(_favoriteUserIds.Select(id => OrNothing(OtherUser(id).GetPublicUser())));
        var spaces = Task.WhenAll(_favoriteSpaceIds.Select(id => OrNothing(SpaceGrain(id).View(Access))));
        return (
            (await users).OfType<PublicUser>().ToList(),
            (await spaces).Select(view => view?.Value).Where(space => space is { IsRemoved: false }).Select(space => space!).ToList());
    }

    private static async Task<T?> OrNothing<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return default;
        }
    }

    private IUserGrain OtherUser(string userId) => GrainFactory.GetGrain<IUserGrain>(userId);
}
