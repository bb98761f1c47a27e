using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Claims of one unique value. Non-reentrant, so two racing claims are decided one after the other.
/// A claim held by a user that no longer holds the value (it crashed mid-sign-up, renamed, or was
/// deleted) is taken over: the holder is asked, through an interleaving read, never trusted blindly.
/// An index is asked at sign-up, sign-in, rename and deletion only and its state is one stored row,
/// so its activation is let go once it has been idle for <see cref="IdleSpan"/> (<see cref="LetGo"/>),
/// not Orleans' 15 minutes: about 3.7 KB of activation per grain, two per signed-up user.
/// </summary>
public abstract class UniqueValueGrain(IPersistentState<OwnerState> owner, UniqueKind kind) : Grain, IUniqueValueGrain
{
    /// <summary>
    /// How long an index activation waits for its next call before it goes. Not zero: the calls queued
    /// behind a deactivating grain are forwarded to its next activation, at most twice, so a burst of
    /// racing claims on one value (sign-ups of one email) must find one activation that stays for it.
    /// </summary>
    public static readonly TimeSpan IdleSpan = TimeSpan.FromSeconds(2);

    private IGrainTimer? _idle;

    protected string? OwnerId => owner.State.UserId;

    public async Task<bool> Claim(string userId)
    {
        try
        {
            if (owner.State.UserId == userId)
                return true;
            if (owner.State.UserId is { } holder
                && await GrainFactory.GetGrain<IUserGrain>(holder).Holds(new UniqueValue(kind, this.GetPrimaryKeyString())))
                return false;

            await owner.Save(new OwnerState { UserId = userId });
            return true;
        }
        finally
        {
            LetGo();
        }
    }

    public async Task Release(string userId)
    {
        try
        {
            if (owner.State.UserId != userId)
                return;
            await owner.ClearStateAsync();
            owner.State = new OwnerState();
        }
        finally
        {
            LetGo();
        }
    }

    public Task<string?> GetOwner()
    {
        LetGo();
        return Task.FromResult(owner.State.UserId);
    }

    /// <summary>
    /// (Re)starts the idle countdown after a call: when <see cref="IdleSpan"/> passes with no other
    /// call, the activation is deactivated; the next call reads the row again.
    /// </summary>
    protected void LetGo()
    {
        _idle ??= this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(IdleSpan, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        _idle.Change(IdleSpan, Timeout.InfiniteTimeSpan);
    }
}
