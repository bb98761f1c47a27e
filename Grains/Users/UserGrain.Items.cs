using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Storage;

namespace Kinopio.Grains.Users;

/// <summary>
/// What grows with use, as items of the grain's partition: a summary per space it owns, and a row
/// per favorite user and space. Memory changes only after the write that holds the change.
/// </summary>
public sealed partial class UserGrain
{
    private const string SpacePrefix = "space/";
    private const string FavoriteUserPrefix = "favorite-user/";
    private const string FavoriteSpacePrefix = "favorite-space/";

    /// <summary>Summaries of the spaces this user owns, removed ones included, by id.</summary>
    private readonly Dictionary<string, SpaceRecord> _spaces = [];

    /// <summary>Favorite ids, oldest first.</summary>
    private readonly List<string> _favoriteUserIds = [];
    private readonly List<string> _favoriteSpaceIds = [];

    private void LoadItem(StoredItem item)
    {
        if (item.Key.StartsWith(SpacePrefix, StringComparison.Ordinal))
            _spaces[item.Key[SpacePrefix.Length..]] = _items.Decode<SpaceRecord>(item);
        else if (item.Key.StartsWith(FavoriteUserPrefix, StringComparison.Ordinal))
            _favoriteUserIds.Add(item.Key[FavoriteUserPrefix.Length..]);
        else if (item.Key.StartsWith(FavoriteSpacePrefix, StringComparison.Ordinal))
            _favoriteSpaceIds.Add(item.Key[FavoriteSpacePrefix.Length..]);
    }

    private void ClearItems()
    {
        _spaces.Clear();
        _favoriteUserIds.Clear();
        _favoriteSpaceIds.Clear();
    }

    private IReadOnlyList<string> OwnedSpaceIds() => _spaces.Keys.ToList();

    /// <summary>Writes the summaries of these spaces (one row each), then keeps them.</summary>
    private async Task StoreSpaces(IReadOnlyList<SpaceRecord> spaces)
    {
        await _items.Save(spaces.Select(space => _items.Put(SpacePrefix + space.Id, space)).ToList());
        foreach (var space in spaces)
            _spaces[space.Id] = space;
    }

    private async Task ForgetSpace(string spaceId)
    {
        if (!_spaces.ContainsKey(spaceId))
            return;
        await _items.Save([ItemChange.Delete(SpacePrefix + spaceId)]);
        _spaces.Remove(spaceId);
    }

    /// <summary>Adds or removes one favorite: one row written or deleted.</summary>
    private async Task StoreFavorite(Interfaces.Users.FavoriteKind kind, string id, bool isFavorite)
    {
        var (prefix, ids) = kind == Interfaces.Users.FavoriteKind.User
            ? (FavoriteUserPrefix, _favoriteUserIds)
            : (FavoriteSpacePrefix, _favoriteSpaceIds);
        await _items.Save([isFavorite ? _items.Put(prefix + id, true) : ItemChange.Delete(prefix + id)]);
        if (isFavorite)
            ids.Add(id);
        else
            ids.Remove(id);
    }
}
