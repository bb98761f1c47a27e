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
    private const string CollaborationPrefix = "collaboration/";

    /// <summary>Summaries of the spaces this user owns, removed ones included, by id.</summary>
    private readonly Dictionary<string, SpaceRecord> _spaces = [];

    /// <summary>The spaces of others this user joined as a collaborator, oldest first; shown as their grains show them now.</summary>
    private readonly List<string> _collaborations = [];

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
        else if (item.Key.StartsWith(CollaborationPrefix, StringComparison.Ordinal))
            _collaborations.Add(item.Key[CollaborationPrefix.Length..]);
    }

    private void ClearItems()
    {
        _spaces.Clear();
        _favoriteUserIds.Clear();
        _favoriteSpaceIds.Clear();
        _collaborations.Clear();
    }

    /// <summary>Adds the spaces this user joined (one row each; one already listed costs nothing).</summary>
    private async Task StoreCollaborations(IReadOnlyList<string> joined)
    {
        var added = joined.Distinct().Where(spaceId => !_collaborations.Contains(spaceId)).ToList();
        await _items.Save(added.Select(spaceId => _items.Put(CollaborationPrefix + spaceId, true)).ToList());
        _collaborations.AddRange(added);
    }

    private async Task ForgetCollaborations(IReadOnlyList<string> spaceIds)
    {
        var known = spaceIds.Where(_collaborations.Contains).ToList();
        await _items.Save(known.Select(spaceId => ItemChange.Delete(CollaborationPrefix + spaceId)).ToList());
        _collaborations.RemoveAll(known.Contains);
    }

    private IReadOnlyList<string> OwnedSpaceIds() => _spaces.Keys.ToList();

    /// <summary>A summary to write (<see cref="Space"/> set) or to drop (null).</summary>
    private sealed record SummaryChange(string SpaceId, SpaceRecord? Space);

    /// <summary>Writes the summaries of these spaces (one row each), then keeps them.</summary>
    private Task StoreSpaces(IReadOnlyList<SpaceRecord> spaces) =>
        StoreSummaries(spaces.Select(space => new SummaryChange(space.Id, space)).ToList());

    private Task ForgetSpace(string spaceId) => StoreSummaries([new SummaryChange(spaceId, null)]);

    /// <summary>Writes every change of summaries in one write (dropping one that is not there costs nothing), then keeps them.</summary>
    private async Task StoreSummaries(IReadOnlyList<SummaryChange?> changes)
    {
        var real = changes.OfType<SummaryChange>().Where(change => change.Space is not null || _spaces.ContainsKey(change.SpaceId)).ToList();
        await _items.Save(real
            .Select(change => change.Space is { } space ? _items.Put(SpacePrefix + space.Id, space) : ItemChange.Delete(SpacePrefix + change.SpaceId))
            .ToList());
        foreach (var change in real)
        {
            if (change.Space is { } space)
                _spaces[space.Id] = space;
            else
                _spaces.Remove(change.SpaceId);
        }
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
