using Kinopio.Grains.Interfaces.Content;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Interfaces.Operations;

/// <summary>
/// One operation of <c>POST /operations</c> (contract §8.2), already read by the Api: the same
/// domain call its REST route makes. <see cref="Index"/> is its place in the request, <see cref="Name"/> as sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.Operation")]
public abstract record Operation
{
    [Id(0)] public required int Index { get; init; }
    [Id(1)] public required string Name { get; init; }

    /// <summary>The id of what the operation acts on, as its answer entry names it.</summary>
    public abstract string? TargetId { get; }

    /// <summary>The space it acts in or on; null for an operation on the user itself.</summary>
    public abstract string? SpaceId { get; }
}

/// <summary><c>updateUser</c>: <c>PATCH /user</c> (its answer entry names the user, which the user's grain fills in).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UpdateUserOperation")]
public sealed record UpdateUserOperation([property: Id(0)] UserPatch Patch) : Operation
{
    public override string? TargetId => null;
    public override string? SpaceId => null;
}

/// <summary><c>addOrRemoveFavorite</c>: <c>PATCH /user/favorites</c>.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ToggleFavoriteOperation")]
public sealed record ToggleFavoriteOperation([property: Id(0)] FavoriteToggle Toggle) : Operation
{
    public override string? TargetId => Toggle.Id;
    public override string? SpaceId => null;
}

/// <summary><c>createSpace</c> (and each space of <c>POST /space/multiple</c>): a full space with its content.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UploadSpaceOperation")]
public sealed record UploadSpaceOperation([property: Id(0)] SpaceUpload Space) : Operation
{
    public override string? TargetId => Space.Id;
    public override string? SpaceId => Space.Id;
}

/// <summary><c>updateSpace</c>: <c>PATCH /space</c>; with nothing to change it marks the space updated.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UpdateSpaceOperation")]
public sealed record UpdateSpaceOperation([property: Id(0)] SpacePatch Patch) : Operation
{
    public override string? TargetId => Patch.Id;
    public override string? SpaceId => Patch.Id;
}

/// <summary><c>removeSpace</c> and <c>restoreRemovedSpace</c>.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SetSpaceRemovedOperation")]
public sealed record SetSpaceRemovedOperation([property: Id(0)] string Id, [property: Id(1)] bool Removed) : Operation
{
    public override string? TargetId => Id;
    public override string? SpaceId => Id;
}

/// <summary><c>removeSpacePermanent</c>: <c>DELETE /space/permanent</c>.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.DeleteSpaceOperation")]
public sealed record DeleteSpaceOperation([property: Id(0)] string Id) : Operation
{
    public override string? TargetId => Id;
    public override string? SpaceId => Id;
}

/// <summary>The card, connection and connection type operations: one edit in the space it names.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ItemOperation")]
public sealed record ItemOperation([property: Id(0)] string InSpace, [property: Id(1)] ItemEdit Edit) : Operation
{
    public override string? TargetId => Edit.Id;
    public override string? SpaceId => InSpace;
}

/// <summary>One space of <c>addCollaboratorToSpaces</c>: <c>PATCH /space/collaborator</c> with its key.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.JoinSpaceOperation")]
public sealed record JoinSpaceOperation([property: Id(0)] string Id, [property: Id(1)] string CollaboratorKey) : Operation
{
    public override string? TargetId => Id;
    public override string? SpaceId => Id;

    public override string ToString() => $"JoinSpaceOperation({Index}, {Id}, key ***)";
}

/// <summary>What one operation did: applied (no problem) or refused, with the status its REST route would answer.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.OperationResult")]
public sealed record OperationResult(
    [property: Id(0)] int Index,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Id,
    [property: Id(3)] Problem? Problem)
{
    public static OperationResult Of(Operation operation, Problem? problem = null) => new(operation.Index, operation.Name, operation.TargetId, problem);
}
