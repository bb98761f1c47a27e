namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>A space as a socket joining its room sees it, and whether the joining user is one of its collaborators.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.RoomView")]
public sealed record RoomView([property: Id(0)] SpaceSummary Space, [property: Id(1)] bool IsCollaborator);
