using System.Security.Cryptography;
using System.Text;
using Kinopio.Grains.Accounts;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Presence;
using Kinopio.Grains.RateLimiting;
using Kinopio.Grains.Telemetry;
using Kinopio.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Kinopio.Grains.Users;

/// <summary>
/// One user. Its single activation serializes every request of that user, so each request reads,
/// decides and writes without locks; what it changes is written before any success is answered.
/// The account is one small stored record; the spaces and favorites, which grow, are items of
/// the grain's partition, one row each, so a change writes only what changed.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", KinopioStorage.Name)] IPersistentState<UserState> state,
    IItemStore items,
    Serializer serializer,
    IOptions<RateLimitOptions> rateLimits,
    IOptions<LimitOptions> limits,
    PasswordHashing passwords,
    ApiKeyProtector apiKeys,
    [FromKeyedServices(KinopioClock.Key)] TimeProvider clock,
    KinopioMetrics metrics)
    : Grain, IUserGrain
{
    private readonly TokenBucket _bucket = new(rateLimits.Value, clock);
    private ItemPartition _items = null!;

    /// <summary>
    /// Where the user is now: made at its first visit. Most activations are never in a room or a
    /// space (a user touched once), and each would otherwise hold an empty presence.
    /// </summary>
    private UserPresence? _presence;
    private UserPresence Presence => _presence ??= new(clock);

    /// <summary>Unique values this activation is claiming right now (sign-up or rename in flight); null when none, as nearly always.</summary>
    private HashSet<UniqueValue>? _claiming;

    private string UserId => this.GetPrimaryKeyString();
    private UserRecord? User => state.State.Account;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _items = new ItemPartition(items, serializer, this.GetGrainId());
        foreach (var item in await _items.Load())
            LoadItem(item);
        await RevealApiKey();
    }

    public Task<Problem?> Admit(ApiCredential credential) => Task.FromResult(Authenticate(credential));

    public Task<Outcome<PrivateUser>> GetUser(ApiCredential credential) =>
        Task.FromResult<Outcome<PrivateUser>>(Authenticate(credential) is { } problem ? problem : Shown(withApiKey: true));

    public Task<PublicUser?> GetPublicUser() => Task.FromResult(User?.ToPublic());

    public Task<Outcome<PrivateUser>> CheckPassword(string password) => User is null
        ? passwords.Verify<PrivateUser>(password, stored: null, owner: null)
        : passwords.Verify(password, state.State.PasswordHash, Shown(withApiKey: true));

    /// <summary>
    /// The private user as shown now, with the open space it is in. Only sign-up, sign-in and
    /// <c>GET /user</c> show the apiKey (contract §4.1): every other answer passes false.
    /// </summary>
    private PrivateUser Shown(bool withApiKey) => User!.ToPrivate(_presence?.CurrentPublicSpace()?.Id, withApiKey ? _apiKey : null);

    /// <summary>The key check and the rate limit of every request: one token, taken before any work.</summary>
    private Problem? Authenticate(ApiCredential credential) => CheckKey(credential) ?? metrics.RateLimited(_bucket.TryTake(), RateLimitReason.User);

    /// <summary>The key check alone, compared in constant time: a deleted user's key fails here whatever a cache says.</summary>
    private Problem? CheckKey(ApiCredential credential) =>
        User is null || !CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(credential.KeyHash), Encoding.ASCII.GetBytes(state.State.ApiKeyHash))
            ? Problem.InvalidApiKey
            : null;

    private ISpaceGrain SpaceGrain(string spaceId) => GrainFactory.GetGrain<ISpaceGrain>(spaceId);

    /// <summary>This user, as a space sees it, for what only members or the owner may do.</summary>
    private SpaceAccess Access => new(UserId);

    /// <summary>This user with what its request proves to a space (the collaborator key it carries).</summary>
    private SpaceAccess AccessOf(ApiCredential credential) => new(UserId, credential.SpaceKey);
}
