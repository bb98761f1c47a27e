using Orleans.Storage;

namespace Kinopio.Grains.Storage;

public static class StaleItems
{
    public static InconsistentStateException Error(string action, string partition, long expectedVersion) =>
        new($"Stale {action} of items {partition}: the stored version is not {expectedVersion}", expectedVersion.ToString(), "unknown");
}
