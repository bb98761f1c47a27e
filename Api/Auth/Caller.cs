using Kinopio.Api.Http;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Auth;

/// <summary>
/// The signed-in user of a request, as the <see cref="RequestPipeline"/> resolved it from the apiKey.
/// Handlers of <see cref="AcceptsApiKey"/> routes send one call to the user's grain through it;
/// that call checks the key and takes the rate-limit token itself.
/// </summary>
public sealed class Caller(string userId, ApiCredential credential, IUserGrain grain, ApiKeyResolver keys)
{
    public string UserId => userId;
    public ApiCredential Credential => credential;
    public IUserGrain Grain => grain;

    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult(http.Features.Get<Caller>());

    public async Task<IResult> Send<T>(Func<IUserGrain, ApiCredential, Task<Outcome<T>>> call, int successStatus = StatusCodes.Status200OK) =>
        Respond.From(await Call(call), successStatus);

    /// <summary>The grain call of a request, for handlers that shape the answer themselves.</summary>
    public async Task<Outcome<T>> Call<T>(Func<IUserGrain, ApiCredential, Task<Outcome<T>>> call)
    {
        var outcome = await call(grain, credential);
        WasRefused(outcome.Problem);
        return outcome;
    }

    /// <summary>
    /// The grain refused the key although the cache knew it (the user was deleted, perhaps on
    /// another front end): forget it, so the next request with it is anonymous at once.
    /// </summary>
    public bool WasRefused(Problem? problem)
    {
        if (problem != Problem.InvalidApiKey)
            return false;
        keys.Forget(credential);
        return true;
    }
}
