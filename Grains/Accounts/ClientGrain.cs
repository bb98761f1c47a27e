using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>The bucket of one client IP address for requests without a valid apiKey.</summary>
public sealed class ClientGrain(IOptions<RateLimitOptions> limits, [FromKeyedServices(KinopioClock.Key)] TimeProvider clock, KinopioMetrics metrics)
    : Grain, IClientGrain
{
    private readonly TokenBucket _bucket = new(limits.Value, clock);

    public Task<Problem?> Admit() => Task.FromResult(metrics.RateLimited(_bucket.TryTake(), RateLimitReason.Address));
}
