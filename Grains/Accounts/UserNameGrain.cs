using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The user-name index. Asked at sign-up and rename only, so its activation is let go after two idle
/// minutes (the default keeps every signed-up user's index grains in memory for 15).
/// </summary>
[CollectionAgeLimit(Minutes = UniqueValueGrain.CollectionAgeMinutes)]
public sealed class UserNameGrain([PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner)
    : UniqueValueGrain(owner, UniqueKind.Name), IUserNameGrain;
