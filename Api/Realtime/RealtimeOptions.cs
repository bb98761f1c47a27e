namespace Kinopio.Api.Realtime;

/// <summary>Configuration section <c>Realtime</c>: the limits of one WebSocket.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Messages one socket may send per second; past that its messages are dropped for a second.</summary>
    public double MessagesPerSecond { get; set; } = 60;

    /// <summary>WebSockets this front end holds at once, whoever opens them; past that the upgrade answers 503.</summary>
    public int MaxSockets { get; set; } = 5_000;

    /// <summary>How often this front end renews its room subscriptions and its users' presence.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(30);
}
