using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The user-name index. Asked at sign-up and rename only, so its activation is let go as soon as it
/// has answered (the default keeps every signed-up user's index grains in memory for 15 minutes).
/// </summary>
public sealed class UserNameGrain([PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner)
    : UniqueValueGrain(owner, UniqueKind.Name), IUserNameGrain;
