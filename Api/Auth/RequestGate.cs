using Kinopio.Api.Http;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Api.Auth;

/// <summary>
/// Runs before every endpoint: resolves the caller and makes sure each request costs exactly one
/// rate-limit token. Routes that take an apiKey take the caller's token in their own grain call;
/// every other request (public routes, unknown routes, anonymous callers) is admitted here, by the
/// caller's UserGrain or, without a valid key, by the <see cref="IClientGrain"/> of the client IP.
/// </summary>
public sealed class RequestGate(RequestDelegate next, ApiKeyResolver resolver, IGrainFactory grains)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<Unmetered>() is not null || IsRealtimeUpgrade(http))
        {
            await next(http);
            return;
        }

        var caller = await resolver.Resolve(http.Request);
        var apiKeyRoute = endpoint?.Metadata.GetMetadata<AcceptsApiKey>();
        if (caller is not null && apiKeyRoute is not null)
        {
            http.Features.Set(caller);
            await next(http);
            return;
        }

        var refused = caller is null ? null : await caller.Grain.Admit(caller.Credential);
        if (caller is not null && caller.WasRefused(refused))
            (caller, refused) = (null, null);
        if (caller is null)
            refused = await grains.GetGrain<IClientGrain>(ClientAddress(http)).Admit();

        if (refused is not null)
            await Respond.Write(http, refused);
        else if (apiKeyRoute?.IsRequired == true)
            await Respond.Write(http, Problem.InvalidApiKey);
        else if (JsonBody.IsTooLarge(http.Request))
            await JsonBody.TooLarge().ExecuteAsync(http);
        else
        {
            if (caller is not null)
                http.Features.Set(caller);
            await next(http);
        }
    }

    /// <summary>The WebSocket upgrade at the root (and only there) is free: its messages have a limit of their own.</summary>
    private static bool IsRealtimeUpgrade(HttpContext http) => http.WebSockets.IsWebSocketRequest && http.Request.Path == "/";

    /// <summary>The socket's address, already rewritten from X-Forwarded-For when a trusted proxy sent it.</summary>
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };
}
