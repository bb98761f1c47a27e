namespace Kinopio.Grains.Interfaces.Users;

/// <summary>
/// The SHA-256 of an apiKey, in lowercase hex. Grains never see the raw key of a request: the
/// hash keys the <see cref="Accounts.IApiKeyGrain"/> and the UserGrain compares it on every call.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ApiCredential")]
public sealed record ApiCredential([property: Id(0)] string KeyHash)
{
    public static ApiCredential FromApiKey(string apiKey) => new(SecretHash.Of(apiKey));

    public override string ToString() => "ApiCredential(***)";
}
