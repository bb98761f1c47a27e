using System.Security.Cryptography;
using System.Text;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Storage;

namespace Kinopio.Grains.Spaces;

/// <summary>
/// Collaborators (contract §9): the space's secret key, which proves an invite, and the users who
/// joined with it. The key is an item of its own in the partition, never part of the record or a view.
/// </summary>
public sealed partial class SpaceGrain
{
    private const int KeyBytes = 24;
    private static readonly Problem WrongKey = Problem.Unauthorized("the invite is not valid: ask for a new one");

    /// <summary>The space's collaborator key; null for a space that has none yet (made before keys existed, or none at all).</summary>
    private string? _collaboratorKey;

    public async Task<Outcome<string>> GetCollaboratorKey(SpaceAccess access)
    {
        if (SpaceRights.ReadKey(Space, VisitorOf(access)) is { } refused)
            return refused;
        if (_collaboratorKey is null)
        {
            // A space from before keys existed gets one when first asked.
            var key = NewKey();
            await _items.Save([KeyItem(key)]);
            _collaboratorKey = key;
        }
        return _collaboratorKey;
    }

    public async Task<Outcome<SpaceRecord>> AddCollaborator(SpaceAccess access)
    {
        var visitor = VisitorOf(access);
        if (Space is not { IsRemoved: false } space || !visitor.HoldsKey || visitor.UserId is not { } userId)
            return WrongKey;
        if (SpaceRights.IsMember(space, visitor))
            return space;
        if (space.CollaboratorIds.Count >= limits.Value.CollaboratorsPerSpace)
            return Problem.LimitReached($"a space has at most {limits.Value.CollaboratorsPerSpace} collaborators");
        return await Save(space with { CollaboratorIds = space.CollaboratorIds.Add(userId) }, visitor);
    }

    /// <summary>
    /// The owner removes anyone, and the key rotates so that person's saved invite stops working
    /// (it rotates also when the one named is not a collaborator: so an owner shuts off a link that
    /// leaked to someone who never joined); a collaborator removes themselves (the key stays).
    /// Answers the space as it is now.
    /// </summary>
    public async Task<Outcome<SpaceSummary>> RemoveCollaborator(SpaceAccess access, string userId)
    {
        var visitor = VisitorOf(access);
        var isOwner = Space is { } owned && SpaceRights.IsOwner(owned, visitor);
        if (!isOwner && visitor.UserId == userId && Space is { IsRemoved: false } left && left.CollaboratorIds.Contains(userId))
            await Save(left with { CollaboratorIds = left.CollaboratorIds.Remove(userId) }, visitor);
        else if (SpaceRights.Own(Space, visitor) is { } refused)
            return refused;
        else
        {
            var rotated = NewKey();
            await Save(Space! with { CollaboratorIds = Space.CollaboratorIds.Remove(userId) }, visitor, KeyItem(rotated));
            _collaboratorKey = rotated;
        }
        return await Summarize(Space!) is { } summary ? summary : SpaceRights.NotFound;
    }

    /// <summary>The request's access as the rights see it: the key it carries compared here, in constant time, and nowhere else.</summary>
    private Visitor VisitorOf(SpaceAccess access) => new(access.UserId, HoldsKey(access.CollaboratorKey));

    private bool HoldsKey(string? sent) =>
        sent is not null && _collaboratorKey is { } key
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key));

    private ItemChange KeyItem(string key) => _items.Put(ContentKeys.CollaboratorKey, key);

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)).Replace('+', '-').Replace('/', '_');
}
