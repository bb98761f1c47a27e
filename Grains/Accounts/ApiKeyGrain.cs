using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Accounts;

public sealed class ApiKeyGrain([PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner)
    : Grain, IApiKeyGrain
{
    public Task<string?> GetUserId() => Task.FromResult(owner.State.UserId);

    public Task Assign(string userId) => owner.Save(new OwnerState { UserId = userId });

    public async Task Revoke(string userId)
    {
        if (owner.State.UserId != userId)
            return;
        await owner.ClearStateAsync();
        owner.State = new OwnerState();
    }
}
