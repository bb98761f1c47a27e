using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.Caching.Memory;

namespace Kinopio.Api.Auth;

/// <summary>
/// Finds the apiKey of a request (<c>Authorization: key</c>, <c>Authorization: Bearer key</c> or
/// <c>?apiKey=key</c>) and the user it belongs to, through the <see cref="IApiKeyGrain"/> keyed by
/// the key's SHA-256, cached in this process. A cached entry may outlive a deleted user: the
/// UserGrain checks the key hash on every call, so such a key is refused all the same.
/// </summary>
public sealed class ApiKeyResolver(IGrainFactory grains)
{
    private static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _userIds = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<Caller?> Resolve(HttpRequest request)
    {
        // Keys are UUIDs: anything else is not a key, and costs no lookup.
        if (FindApiKey(request) is not { } apiKey || !Guid.TryParse(apiKey, out _))
            return null;

        var credential = ApiCredential.FromApiKey(apiKey);
        if (!_userIds.TryGetValue(credential.KeyHash, out string? userId))
        {
            userId = await grains.GetGrain<IApiKeyGrain>(credential.KeyHash).GetUserId();
            _userIds.Set(credential.KeyHash, userId, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = userId is null ? UnknownKeyLifetime : KnownKeyLifetime,
            });
        }

        return userId is null ? null : new Caller(userId, credential with { SpaceKey = SpaceKeyOf(request) }, grains.GetGrain<IUserGrain>(userId), this);
    }

    public void Forget(ApiCredential credential) => _userIds.Remove(credential.KeyHash);

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
