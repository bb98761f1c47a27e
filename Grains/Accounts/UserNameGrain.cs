using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Accounts;

public sealed class UserNameGrain([PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner)
    : UniqueValueGrain(owner, UniqueKind.Name), IUserNameGrain;
