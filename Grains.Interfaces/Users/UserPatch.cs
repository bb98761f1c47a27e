namespace Kinopio.Grains.Interfaces.Users;

/// <summary>A new value for an attribute that may be set to null.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.NewValue`1")]
public sealed record NewValue<T>([property: Id(0)] T Value);

/// <summary>The updatable attributes of <c>PATCH /user</c>; a null property is left as it is.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UserPatch")]
public sealed record UserPatch
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Color { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public string? Website { get; init; }
    [Id(4)] public NewValue<string?>? LastSpaceId { get; init; }
    [Id(5)] public NewValue<string?>? LastReadNewStuffId { get; init; }
    [Id(6)] public NewValue<string?>? DefaultConnectionTypeId { get; init; }
}
