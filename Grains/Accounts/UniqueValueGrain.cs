using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Claims of one unique value. Non-reentrant, so two racing claims are decided one after the other.
/// A claim held by a user that no longer holds the value (it crashed mid-sign-up, renamed, or was
/// deleted) is taken over: the holder is asked, through an interleaving read, never trusted blindly.
/// </summary>
public abstract class UniqueValueGrain(IPersistentState<OwnerState> owner, UniqueKind kind) : Grain, IUniqueValueGrain
{
    /// <summary>
    /// How long an idle index activation stays in memory (each subclass carries it as <c>[CollectionAgeLimit]</c>).
    /// An index is asked at sign-up, sign-in, rename and deletion only, and its state is one stored
    /// row, so keeping it for Orleans' default 15 minutes only holds memory: about 2 KB of
    /// activation per grain, two grains per signed-up user.
    /// </summary>
    public const double CollectionAgeMinutes = 2;

    protected string? OwnerId => owner.State.UserId;

    public async Task<bool> Claim(string userId)
    {
        if (owner.State.UserId == userId)
            return true;
        if (owner.State.UserId is { } holder
            && await GrainFactory.GetGrain<IUserGrain>(holder).Holds(new UniqueValue(kind, this.GetPrimaryKeyString())))
            return false;

        await owner.Save(new OwnerState { UserId = userId });
        return true;
    }

    public async Task Release(string userId)
    {
        if (owner.State.UserId != userId)
            return;
        await owner.ClearStateAsync();
        owner.State = new OwnerState();
    }

    public Task<string?> GetOwner() => Task.FromResult(owner.State.UserId);
}
