namespace Kinopio.Grains.Hosting;

/// <summary>Configuration section <c>Explore</c>: the cache behind <c>GET /space/new-spaces</c>.</summary>
public sealed class ExploreOptions
{
    public const string Section = "Explore";

    /// <summary>
    /// How long a silo keeps the explore list before it reads it again: how late a space newly made
    /// explorable or renamed shows up (or moves up). A space that stops being listed leaves at once.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(3);
}
