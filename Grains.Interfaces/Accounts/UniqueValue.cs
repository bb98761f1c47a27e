namespace Kinopio.Grains.Interfaces.Accounts;

public enum UniqueKind
{
    Email,
    Name,
}

/// <summary>An email or user name, normalized (lowercase): the key of its index grain.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.UniqueValue")]
public sealed record UniqueValue([property: Id(0)] UniqueKind Kind, [property: Id(1)] string Value)
{
    public static UniqueValue Email(string email) => new(UniqueKind.Email, email.Trim().ToLowerInvariant());
    public static UniqueValue Name(string name) => new(UniqueKind.Name, name.ToLowerInvariant());
}
