using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Failed sign-ins and reset requests per email, for the emails of one shard, in memory only (like
/// every rate limit). An entry lives while its window holds events: the activation is kept for the
/// window after each count, and a sweep every minute drops the entries whose window emptied.
/// </summary>
public sealed class EmailLimitGrain(
    IOptions<RateLimitOptions> limits,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock,
    KinopioMetrics metrics) : Grain, IEmailLimitGrain
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(EmailLimit, string), SlidingWindowLimit> _windows = [];
    private IGrainTimer? _sweep;

    public Task<Problem?> Refusal(EmailLimit limit, string email) =>
        Task.FromResult(metrics.RateLimited(_windows.GetValueOrDefault((limit, email))?.Refusal(), ReasonOf(limit)));

    public Task Count(EmailLimit limit, string email)
    {
        if (!_windows.TryGetValue((limit, email), out var window))
            _windows[(limit, email)] = window = NewWindow(limit);
        window.Count();
        DelayDeactivation(window.Window);
        _sweep ??= this.RegisterGrainTimer(Sweep, new GrainTimerCreationOptions(SweepEvery, SweepEvery) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task<Problem?> Admit(EmailLimit limit, string email)
    {
        if (await Refusal(limit, email) is { } refused)
            return refused;
        await Count(limit, email);
        return null;
    }

    private Task Sweep()
    {
        foreach (var (key, window) in _windows.Where(entry => entry.Value.IsEmpty).ToList())
            _windows.Remove(key);
        return Task.CompletedTask;
    }

    private SlidingWindowLimit NewWindow(EmailLimit limit) => limit switch
    {
        EmailLimit.SignInFailure => new(limits.Value.SignInFailuresPerEmail, TimeSpan.FromMinutes(limits.Value.SignInWindowMinutes), clock),
        _ => new(limits.Value.ResetRequestsPerEmail, TimeSpan.FromMinutes(limits.Value.ResetWindowMinutes), clock),
    };

    private static RateLimitReason ReasonOf(EmailLimit limit) =>
        limit == EmailLimit.SignInFailure ? RateLimitReason.SignIn : RateLimitReason.PasswordReset;
}
