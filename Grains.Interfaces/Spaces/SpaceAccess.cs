namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>Who is asking a space: the signed-in user (null: anonymous) and the space's collaborator key if the request carried one.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpaceAccess")]
public sealed record SpaceAccess([property: Id(0)] string? UserId, [property: Id(1)] string? CollaboratorKey = null)
{
    public static readonly SpaceAccess Anonymous = new(UserId: null);

    public override string ToString() => $"SpaceAccess({UserId ?? "anonymous"}{(CollaboratorKey is null ? "" : ", key ***")})";
}
