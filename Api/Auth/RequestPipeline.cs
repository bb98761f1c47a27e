using System.Text.Json;
using Kinopio.Api.Http;
using Kinopio.Api.Observability;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Api.Auth;

/// <summary>
/// Admission of every request, in one place: the caller (apiKey → user), exactly one rate-limit
/// token, and the body (size, JSON, the route's parser) before the handler runs. A route that
/// accepts an apiKey, called with a valid one, takes the caller's token in its own grain call, so
/// the pipeline takes none; every other request (public and unknown routes, anonymous callers,
/// refused bodies) is admitted here by the caller's UserGrain or, without a valid key, by the
/// <see cref="IClientGrain"/> of the client address. A key this process does not know is looked up
/// only after the address admitted it (that token is the request's when the key is nobody's).
/// Sign-up and sign-in (<see cref="ChargesClientAddress"/>) always cost the address's token.
/// Contract §1's order holds: no valid key → 401, then the body → 400/413, then the object (the grain).
/// </summary>
public sealed class RequestPipeline(RequestDelegate next, ApiKeyResolver resolver, IGrainFactory grains)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<DashboardPassword>() is { } password && !password.Admits(http.Request))
        {
            if (await grains.GetGrain<IClientGrain>(ClientAddress.Of(http)).Admit() is { } blocked)
                await Respond.Write(http, blocked);
            else
                await DashboardPassword.Challenge(http);
            return;
        }

        if (endpoint?.Metadata.GetMetadata<Unmetered>() is not null || IsRealtimeUpgrade(http))
        {
            await next(http);
            return;
        }

        var address = ClientAddress.Of(http);
        var apiKeyRoute = endpoint?.Metadata.GetMetadata<AcceptsApiKey>();
        var chargesAddress = endpoint?.Metadata.GetMetadata<ChargesClientAddress>() is not null;
        var bodyReader = endpoint?.Metadata.GetMetadata<BodyReader>();
        var (caller, refused, addressPaid) = chargesAddress ? KeyResolution.Anonymous : await resolver.Resolve(http.Request, address);
        if (caller is not null || apiKeyRoute is not null || chargesAddress)
            http.Response.Headers.CacheControl = "no-store";
        var admitted = false;
        if (refused is null && (caller is null || apiKeyRoute is null))
        {
            refused = caller is null ? null : await caller.Grain.Admit(caller.Credential);
            if (caller is not null && caller.WasRefused(refused))
                (caller, refused) = (null, null);
            refused ??= caller is null && !addressPaid ? await grains.GetGrain<IClientGrain>(address).Admit() : null;
            admitted = true;
        }

        if (refused is not null)
        {
            await Respond.Write(http, refused);
            return;
        }

        if (admitted && apiKeyRoute?.IsRequired == true && caller is null)
        {
            await Respond.Write(http, Problem.InvalidApiKey);
            return;
        }

        if (caller is not null)
            http.Features.Set(caller);
        if (bodyReader is not null && await ReadBody(http, bodyReader, caller, admitted) is { } error)
        {
            await error.ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static async Task<IResult?> ReadBody(HttpContext http, BodyReader reader, Caller? caller, bool admitted)
    {
        var (body, error) = await ReadBody(http.Request, reader.Parse, reader.MaxBytes, admitted ? null : caller);
        if (error is null)
            http.Features.Set(new ParsedBody(body!));
        return error;
    }

    /// <summary>
    /// Reads and parses a body. A refused body still costs its token: when the route's grain call
    /// would have taken it (<paramref name="unadmitted"/>: a caller not admitted yet), the caller's
    /// grain admits the request first, so a 429 wins over a 400 or 413. Routes that must check
    /// their credential before the body (a reset token) call this themselves.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadBody<T>(HttpRequest request, Func<JsonElement, Outcome<T>> parse, long maxBytes, Caller? unadmitted)
    {
        var (body, error) = await JsonBody.Read(request, maxBytes);
        var parsed = error is null ? parse(body) : null;
        error ??= parsed!.Problem is { } problem ? Respond.Problem(problem) : null;
        if (error is null)
            return (parsed!.Value, null);

        if (unadmitted is not null && await unadmitted.Grain.Admit(unadmitted.Credential) is { } refused)
        {
            unadmitted.WasRefused(refused);
            return (default, Respond.Problem(refused));
        }

        return (default, error);
    }

    /// <summary>
    /// The WebSocket upgrade at the root (and only there) costs no token (contract §3): it admits
    /// itself (<see cref="Realtime.RealtimeEndpoint"/>: socket caps, and an unknown key looked up only
    /// after the address paid), and its messages have limits of their own.
    /// </summary>
    private static bool IsRealtimeUpgrade(HttpContext http) => http.WebSockets.IsWebSocketRequest && http.Request.Path == "/";
}
