using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The key index: apiKey hash → user id. Front ends cache what it answers (and the keys that sign-up
/// and sign-in hand out), so an activation is needed about once per key per front end; a short
/// collection age keeps the activations of made-up keys (each lookup of one activates a grain) from
/// piling up in memory, and one that was only written (a key issued or revoked) is let go at once.
/// </summary>
[CollectionAgeLimit(Minutes = ApiKeyGrain.CollectionAgeMinutes)]
public sealed class ApiKeyGrain([PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner)
    : Grain, IApiKeyGrain
{
    public const double CollectionAgeMinutes = 2;

    public Task<string?> GetUserId() => Task.FromResult(owner.State.UserId);

    public Task Assign(string userId)
    {
        DeactivateOnIdle();
        return owner.Save(new OwnerState { UserId = userId });
    }

    public async Task Revoke(string userId)
    {
        DeactivateOnIdle();
        if (owner.State.UserId != userId)
            return;
        await owner.ClearStateAsync();
        owner.State = new OwnerState();
    }
}
