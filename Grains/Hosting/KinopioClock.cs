namespace Kinopio.Grains.Hosting;

/// <summary>
/// The clock of Kinopio's grains (rate limits, timestamps), a keyed <see cref="TimeProvider"/>
/// service: tests replace it with a fake clock without touching the clock Orleans itself runs on.
/// </summary>
public static class KinopioClock
{
    public const string Key = "kinopio";
}
