using System.Text.Json.Serialization;
using System.Diagnostics.CodeAnalysis;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Interfaces.Presence;

/// <summary>The open space a user is in now: <c>currentPublicSpace</c> of <c>GET /user/current-public-spaces</c>.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.CurrentPublicSpace")]
public sealed record CurrentPublicSpace(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Url)
{
    public static CurrentPublicSpace Of(SpaceSummary space) => new(space.Id, space.Name, space.Url);
}

/// <summary>One item of <c>GET /user/current-public-spaces</c>: the public user and the open space it is in.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.PresentUser")]
public sealed record PresentUser : PublicUser
{
    public PresentUser()
    {
    }

    [SetsRequiredMembers]
    public PresentUser(PublicUser user, CurrentPublicSpace currentPublicSpace) : base(user) => CurrentPublicSpace = currentPublicSpace;

    [Id(0), JsonPropertyOrder(1)] public CurrentPublicSpace CurrentPublicSpace { get; init; } = null!;
}

/// <summary>
/// What a socket's <c>joinSpaceRoom</c> learnt: the space (null if the server does not know it),
/// the user the room is told about, and whether that user is a collaborator of the space.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.RoomEntry")]
public sealed record RoomEntry(
    [property: Id(0)] SpaceSummary? Space,
    [property: Id(1)] PublicUser User,
    [property: Id(2)] bool IsCollaborator = false);
