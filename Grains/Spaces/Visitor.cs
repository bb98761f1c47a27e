namespace Kinopio.Grains.Spaces;

/// <summary>
/// Who asks a space, as its rights see it: the signed-in user (null: anonymous) and whether the
/// request proved the space's collaborator key (contract §9.2). The SpaceGrain makes one from each
/// request's access, comparing the key itself; the key never goes further.
/// </summary>
public sealed record Visitor(string? UserId, bool HoldsKey)
{
    public static readonly Visitor Anonymous = new(UserId: null, HoldsKey: false);
}
