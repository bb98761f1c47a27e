namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>Maps the SHA-256 of an apiKey (the grain key, hex) to its user id.</summary>
[Alias("Kinopio.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("GetUserId")]
    Task<string?> GetUserId();

    [Alias("Assign")]
    Task Assign(string userId);

    [Alias("Revoke")]
    Task Revoke(string userId);
}
