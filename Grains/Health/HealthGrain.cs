using Kinopio.Grains.Interfaces.Health;
using Orleans.Concurrency;

namespace Kinopio.Grains.Health;

[StatelessWorker]
public sealed class HealthGrain(IStorageProbe storage) : Grain, IHealthGrain
{
    public async Task<string?> CheckStorage()
    {
        try
        {
            await storage.Read().WaitAsync(TimeSpan.FromSeconds(5));
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
