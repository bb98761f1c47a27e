using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The email index, and the door of sign-in and password reset: it counts failed sign-ins and reset
/// requests for its email in memory, so guessing and mail flooding are stopped whatever address the
/// requests come from. While a window holds counted events the activation is kept alive (for the
/// window, <c>DelayDeactivation</c>); otherwise it is let go as soon as it has answered, like the name index.
/// </summary>
public sealed class EmailGrain(
    [PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner,
    IOptions<RateLimitOptions> limits,
    PasswordHashing passwords,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock,
    KinopioMetrics metrics)
    : UniqueValueGrain(owner, UniqueKind.Email), IEmailGrain
{
    private static readonly Problem WrongCredentials = Problem.Unauthorized("Email or password is wrong");

    private readonly SlidingWindowLimit _signInFailures =
        new(limits.Value.SignInFailuresPerEmail, TimeSpan.FromMinutes(limits.Value.SignInWindowMinutes), clock);

    private readonly SlidingWindowLimit _resetRequests =
        new(limits.Value.ResetRequestsPerEmail, TimeSpan.FromMinutes(limits.Value.ResetWindowMinutes), clock);

    protected override bool HoldsMemoryOnlyState => !_signInFailures.IsEmpty || !_resetRequests.IsEmpty;

    public async Task<Outcome<PrivateUser>> SignIn(string password)
    {
        try
        {
            return await CheckSignIn(password);
        }
        finally
        {
            LetGo();
        }
    }

    private async Task<Outcome<PrivateUser>> CheckSignIn(string password)
    {
        if (metrics.RateLimited(_signInFailures.Refusal(), RateLimitReason.SignIn) is { } refused)
            return refused;

        var owner = OwnerId is { } userId ? GrainFactory.GetGrain<IUserGrain>(userId) : null;
        var checkedPassword = owner is not null
            ? await owner.CheckPassword(password)
            : await passwords.Verify<PrivateUser>(password, stored: null, owner: null);
        // The right password, but the stored key could not be decrypted (a lost key ring): a new key.
        if (checkedPassword.Value is { ApiKey: null })
            checkedPassword = await owner!.ReplaceLostApiKey(password);
        if (checkedPassword.Problem is not null || checkedPassword.Value is not null)
            return checkedPassword;
        Count(_signInFailures);
        return WrongCredentials;
    }

    public Task<Problem?> AdmitPasswordReset()
    {
        var refused = metrics.RateLimited(_resetRequests.Refusal(), RateLimitReason.PasswordReset);
        if (refused is null)
            Count(_resetRequests);
        LetGo();
        return Task.FromResult(refused);
    }

    private void Count(SlidingWindowLimit limit)
    {
        limit.Count();
        DelayDeactivation(limit.Window);
    }
}
