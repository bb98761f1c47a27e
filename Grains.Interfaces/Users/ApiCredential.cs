namespace Kinopio.Grains.Interfaces.Users;

/// <summary>
/// What a request proves: the SHA-256 of its apiKey, in lowercase hex (grains never see the raw
/// key: the hash keys the <see cref="Accounts.IApiKeyGrain"/> and the UserGrain compares it on every
/// call), and the collaborator key of a space if it carried one in <c>Space-Authorization</c>
/// (contract §9), which only that space's grain compares.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ApiCredential")]
public sealed record ApiCredential([property: Id(0)] string KeyHash, [property: Id(1)] string? SpaceKey = null)
{
    public static ApiCredential FromApiKey(string apiKey) => new(SecretHash.Of(apiKey));

    public override string ToString() => "ApiCredential(***)";
}
