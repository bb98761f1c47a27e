using Kinopio.Api.Auth;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Kinopio.Tests.Accounts;

/// <summary>Issue 14, item 3: made-up keys have a cache of their own and never push a user's key out.</summary>
[Collection(GrainCluster.Name)]
public sealed class ApiKeyResolverTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_flood_of_unknown_keys_leaves_a_cached_user_key_in_place()
    {
        var resolver = new ApiKeyResolver(cluster.Grains, Options.Create(new KeyCacheOptions { KnownKeys = 1, UnknownKeys = 1 }));
        var (_, user, key) = await cluster.SignUp();
        Assert.Equal(user.Id, (await resolver.Resolve(RequestWith(user.ApiKey!), "10.0.0.1")).Caller?.UserId);

        for (var i = 0; i < 50; i++)
            Assert.Null((await resolver.Resolve(RequestWith(Guid.NewGuid().ToString()), "10.0.0.1")).Caller);

        // Taken out of the index: only the cache still knows the key.
        await cluster.Grains.GetGrain<IApiKeyGrain>(key.KeyHash).Revoke(user.Id);
        Assert.Equal(user.Id, (await resolver.Resolve(RequestWith(user.ApiKey!), "10.0.0.1")).Caller?.UserId);
    }

    private static HttpRequest RequestWith(string apiKey)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = apiKey;
        return http.Request;
    }
}
