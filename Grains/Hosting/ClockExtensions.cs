namespace Kinopio.Grains.Hosting;

public static class ClockExtensions
{
    /// <summary>Now, cut to whole milliseconds: the precision of Kinopio's timestamps, so a stored time reads back as it was shown.</summary>
    public static DateTimeOffset NowInMilliseconds(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
