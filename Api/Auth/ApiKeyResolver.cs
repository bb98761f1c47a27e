using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Auth;

/// <summary>
/// Finds the apiKey of a request (<c>Authorization: key</c>, <c>Authorization: Bearer key</c> or
/// <c>?apiKey=key</c>) and the user it belongs to, through the <see cref="IApiKeyGrain"/> keyed by
/// the key's SHA-256, cached in this process. A cached entry may outlive a deleted user: the
/// UserGrain checks the key hash on every call, so such a key is refused all the same.
/// Known and unknown keys have caches of their own, so made-up keys never evict a user's.
/// </summary>
public sealed class ApiKeyResolver(IGrainFactory grains, IOptions<KeyCacheOptions> options)
{
    private static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = options.Value.KnownKeys });
    private readonly MemoryCache _unknown = new(new MemoryCacheOptions { SizeLimit = options.Value.UnknownKeys });

    /// <summary>
    /// The caller of a request admitted by client address: a key this process does not know is looked
    /// up through the address's <see cref="IClientGrain"/>, which takes the address's token first.
    /// </summary>
    public ValueTask<KeyResolution> Resolve(HttpRequest request, string clientAddress) =>
        Resolve(request, keyHash => grains.GetGrain<IClientGrain>(clientAddress).LookUp(keyHash));

    private async ValueTask<KeyResolution> Resolve(HttpRequest request, Func<string, Task<KeyLookup>> lookUp)
    {
        // Keys are UUIDs: anything else is not a key, and costs no lookup.
        if (FindApiKey(request) is not { } apiKey || !Guid.TryParse(apiKey, out _))
            return KeyResolution.Anonymous;

        var credential = ApiCredential.FromApiKey(apiKey) with { SpaceKey = SpaceKeyOf(request) };
        if (_known.TryGetValue(credential.KeyHash, out string? userId))
            return new KeyResolution(CallerOf(userId!, credential), null, false);
        if (_unknown.TryGetValue(credential.KeyHash, out _))
            return KeyResolution.Anonymous;

        var lookup = await lookUp(credential.KeyHash);
        if (lookup.Refused is not null)
            return new KeyResolution(null, lookup.Refused, true);
        if (lookup.UserId is null)
        {
            _unknown.Set(credential.KeyHash, "", new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = UnknownKeyLifetime });
            return new KeyResolution(null, null, AddressPaid: true);
        }

        RememberKnown(credential.KeyHash, lookup.UserId);
        return new KeyResolution(CallerOf(lookup.UserId, credential), null, false);
    }

    /// <summary>
    /// A key this process has just seen its user's grain hand out (sign-up, sign-in): the requests
    /// that follow find it here and ask no key index, as if it had been looked up.
    /// </summary>
    public void Remember(PrivateUser user)
    {
        if (user.ApiKey is { } apiKey)
            RememberKnown(ApiCredential.FromApiKey(apiKey).KeyHash, user.Id);
    }

    private void RememberKnown(string keyHash, string userId) =>
        _known.Set(keyHash, userId, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KnownKeyLifetime });

    public void Forget(ApiCredential credential) => _known.Remove(credential.KeyHash);

    private Caller CallerOf(string userId, ApiCredential credential) => new(userId, credential, grains.GetGrain<IUserGrain>(userId), this);

    /// <summary>A space's collaborator key, proving an invite (contract §9): the <c>Space-Authorization</c> header.</summary>
    public static string? SpaceKeyOf(HttpRequest request) =>
        request.Headers["Space-Authorization"].ToString().Trim() is { Length: > 0 } key ? key : null;

    /// <summary>The space access of a request: its caller (if signed in) and the collaborator key it carries.</summary>
    public static SpaceAccess AccessOf(HttpRequest request, Caller? caller) => new(caller?.UserId, SpaceKeyOf(request));

    public static string? FindApiKey(HttpRequest request)
    {
        var key = request.Headers.Authorization.ToString().Trim();
        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            key = key["Bearer ".Length..].Trim();
        if (key.Length == 0)
            key = request.Query["apiKey"].ToString().Trim();
        return key.Length > 0 ? key : null;
    }
}
