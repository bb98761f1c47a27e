using Kinopio.Grains.Interfaces.Presence;

namespace Kinopio.Grains.Presence;

/// <summary>
/// Stored state of a <see cref="SpaceRoomGrain"/>: the front ends subscribed to the room, so a new
/// activation (its silo died, or it was collected) still reaches them without waiting for their renewal.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.RoomState")]
public sealed record RoomState
{
    [Id(0)] public IRoomObserver[] FrontEnds { get; init; } = [];
}
