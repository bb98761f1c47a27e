namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary>A space to create; the id is already chosen (the client's or a generated one).</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.NewSpace")]
public sealed record NewSpace(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Privacy,
    [property: Id(3)] bool ShowInExplore = false);

/// <summary>The updatable attributes of <c>PATCH /space</c>; null leaves one as it is.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.SpacePatch")]
public sealed record SpacePatch(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Privacy,
    [property: Id(3)] bool? ShowInExplore = null);

public static class SpaceLimits
{
    public const int NameMaxLength = 200;
    public const int MaxSpacesPerCreate = 100;
}
