using Kinopio.Grains.Hosting;
using System.Collections.Immutable;
using Kinopio.Grains.Interfaces;
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
        return new UserWithFavorites(ShownUser.WithoutApiKey(), await ResolveFavorites());
    }

    public async Task<Outcome<FavoriteToggled>> ToggleFavorite(ApiCredential credential, FavoriteToggle toggle)
    {
        if (Authenticate(credential) is { } problem)
            return problem;

        var ids = toggle.Kind == FavoriteKind.User ? state.State.FavoriteUserIds : state.State.FavoriteSpaceIds;
        var isFavorite = !ids.Contains(toggle.Id);
        if (isFavorite && await CannotFavorite(toggle) is { } refused)
            return refused;

        ids = isFavorite ? ids.Add(toggle.Id) : ids.Remove(toggle.Id);
        await state.Save(toggle.Kind == FavoriteKind.User
            ? state.State with { FavoriteUserIds = ids }
            : state.State with { FavoriteSpaceIds = ids });

        var favorites = await ResolveFavorites();
        return new FavoriteToggled
        {
            FavoriteUsers = favorites.FavoriteUsers,
            FavoriteSpaces = favorites.FavoriteSpaces,
            IsFavorite = isFavorite,
        };
    }

    private async Task<Problem?> CannotFavorite(FavoriteToggle toggle)
    {
        if (toggle.Kind == FavoriteKind.User)
        {
            if (toggle.Id == UserId)
                return Problem.BadRequest("id is yours: you can't favorite yourself");
            return await OtherUser(toggle.Id).GetPublicUser() is null ? Problem.NotFound("user not found") : null;
        }

        var space = await SpaceGrain(toggle.Id).View(UserId);
        return space.Problem is not null || space.Value!.IsRemoved ? Problem.NotFound("space not found") : null;
    }

    private async Task<Favorites> ResolveFavorites()
    {
        var users = Task.WhenAll(state.State.FavoriteUserIds.Select(id => OtherUser(id).GetPublicUser()));
        var spaces = Task.WhenAll(state.State.FavoriteSpaceIds.Select(id => SpaceGrain(id).View(UserId)));
        return new Favorites
        {
            FavoriteUsers = (await users).OfType<PublicUser>().ToImmutableList(),
            FavoriteSpaces = (await spaces)
                .Select(view => view.Value)
                .Where(space => space is { IsRemoved: false })
                .Select(space => space!)
                .ToImmutableList(),
        };
    }

    private IUserGrain OtherUser(string userId) => GrainFactory.GetGrain<IUserGrain>(userId);
}
