using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The email index, and the door of sign-in: it counts failed attempts for its email in memory, so
/// password guessing is stopped whatever address the attempts come from.
/// </summary>
public sealed class EmailGrain(
    [PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner,
    IOptions<RateLimitOptions> limits,
    PasswordHasher passwords,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock)
    : UniqueValueGrain(owner, UniqueKind.Email), IEmailGrain
{
    private static readonly Problem WrongCredentials = Problem.Unauthorized("Email or password is wrong");
    private readonly Queue<DateTimeOffset> _failures = new();

    public async Task<Outcome<PrivateUser>> SignIn(string password)
    {
        var window = TimeSpan.FromMinutes(limits.Value.SignInWindowMinutes);
        var now = clock.GetUtcNow();
        while (_failures.TryPeek(out var oldest) && oldest + window <= now)
            _failures.Dequeue();
        if (_failures.Count >= limits.Value.SignInFailuresPerEmail)
            return Problem.RateLimited(Math.Max(1, (int)Math.Ceiling((_failures.Peek() + window - now).TotalSeconds)));

        PrivateUser? user = null;
        if (OwnerId is { } userId)
            user = await GrainFactory.GetGrain<IUserGrain>(userId).CheckPassword(password);
        else
            await Task.Run(() => passwords.VerifyNothing(password));

        if (user is not null)
            return user;
        _failures.Enqueue(now);
        return WrongCredentials;
    }
}
