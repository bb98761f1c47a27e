using Microsoft.Extensions.Options;

namespace Kinopio.Api.Realtime;

/// <summary>Renews the hub's subscriptions and presence leases, and the sockets' leases in the caps, while the front end runs.</summary>
public sealed class RoomRenewal(RoomHub hub, SocketCounts sockets, IOptions<RealtimeOptions> options, ILogger<RoomRenewal> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.RenewEvery);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await Task.WhenAll(hub.Renew(), sockets.Renew());
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Renewing realtime rooms failed; trying again in {Interval}", options.Value.RenewEvery);
            }
        }
    }
}
