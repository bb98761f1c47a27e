using Kinopio.Grains.Accounts;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// The account: sign-up, profile updates and deletion, and the unique email and name it claims in
/// the index grains (claimed before the user is written, released after it no longer holds them).
/// </summary>
public sealed partial class UserGrain
{
    public async Task<Outcome<PrivateUser>> SignUp(SignUpRequest request)
    {
        if (User is not null || state.State.Deleted)
            return Problem.Taken("id is already taken");
        try
        {
            return await CreateAccount(request);
        }
        finally
        {
            _claiming = null;
        }
    }

    public async Task<Outcome<PrivateUser>> UpdateUser(ApiCredential credential, UserPatch patch) =>
        Authenticate(credential) is { } problem ? problem : await UpdateAccount(patch);

    /// <summary><c>PATCH /user</c> and <c>updateUser</c>.</summary>
    private async Task<Outcome<PrivateUser>> UpdateAccount(UserPatch patch)
    {
        try
        {
            return await ApplyPatch(patch);
        }
        finally
        {
            _claiming = null;
        }
    }

    /// <summary>The email and name are claimed before the password is hashed: a taken one costs no hash. Hashing when full releases them.</summary>
    private async Task<Outcome<PrivateUser>> CreateAccount(SignUpRequest request)
    {
        var email = UniqueValue.Email(request.Email);
        if (!await Claim(email))
            return Problem.Taken("email is already taken");

        var name = await ClaimName(request);
        if (name is null)
        {
            await Release(email);
            return Problem.Taken("name is already taken");
        }

        Task ReleaseClaims() => Task.WhenAll(Release(email), Release(UniqueValue.Name(name)));
        try
        {
            var passwordHash = await passwords.Hash(request.Password);
            if (passwordHash.Problem is { } busy)
            {
                await ReleaseClaims();
                return busy;
            }

            var apiKey = await IssueApiKey();
            var now = clock.NowInMilliseconds();
            await state.Save(new UserState
            {
                Account = new UserRecord
                {
                    Id = UserId,
                    Name = name,
                    Email = email.Value,
                    Color = request.Color ?? NewUserDefaults.Color(),
                    Description = request.Description ?? "",
                    Website = request.Website ?? "",
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                PasswordHash = passwordHash.Value!,
                ApiKeyHash = apiKey.Hash,
                ProtectedApiKey = apiKey.Protected,
            });
            _apiKey = apiKey.Key;
            return Shown(withApiKey: true);
        }
        catch
        {
            await ReleaseClaims();
            throw;
        }
    }

    private async Task<Outcome<PrivateUser>> ApplyPatch(UserPatch patch)
    {
        var user = User!;
        var oldName = UniqueValue.Name(user.Name);
        var newName = patch.Name is { } name ? UniqueValue.Name(name) : oldName;
        if (newName != oldName && !await Claim(newName))
            return Problem.Taken("name is already taken");
        // Until the new name is durable the old one is still ours: should the write fail, we keep it.
        (_claiming ??= []).Add(oldName);

        var changed = state.State with
        {
            Account = user with
            {
                Name = patch.Name ?? user.Name,
                Color = patch.Color ?? user.Color,
                Description = patch.Description ?? user.Description,
                Website = patch.Website ?? user.Website,
                LastSpaceId = patch.LastSpaceId is { } lastSpace ? lastSpace.Value : user.LastSpaceId,
                LastReadNewStuffId = patch.LastReadNewStuffId is { } newStuff ? newStuff.Value : user.LastReadNewStuffId,
                DefaultConnectionTypeId = patch.DefaultConnectionTypeId is { } type ? type.Value : user.DefaultConnectionTypeId,
                UpdatedAt = clock.NowInMilliseconds(),
            },
        };
        try
        {
            await state.Save(changed);
        }
        catch
        {
            if (newName != oldName)
                await Release(newName);
            throw;
        }

        if (newName != oldName)
            await Release(oldName);
        return Shown(withApiKey: false);
    }

    public async Task<Outcome<Done>> DeleteUser(ApiCredential credential)
    {
        if (Authenticate(credential) is { } problem)
            return problem;

        var user = User!;
        var apiKeyHash = state.State.ApiKeyHash;
        // Spaces first: should this stop half-way, the account still lists what is left to delete.
        await Task.WhenAll(OwnedSpaceIds().Select(id => SpaceGrain(id).Delete(Access)));
        await LeaveEverySpace();
        await _items.Clear();
        ClearItems();
        await state.Save(new UserState { Deleted = true });
        _apiKey = null;
        // The account is gone once the state is cleared; what follows frees the indexes. A crash
        // here leaves claims that the index grains take back when asked (Holds answers false).
        await Release(UniqueValue.Email(user.Email));
        await Release(UniqueValue.Name(user.Name));
        await GrainFactory.GetGrain<IApiKeyGrain>(apiKeyHash).Revoke(UserId);
        return new Done("User deleted");
    }

    public Task<bool> Holds(UniqueValue value) => Task.FromResult(
        _claiming?.Contains(value) == true
        || (User is { } user && value == (value.Kind == UniqueKind.Email ? UniqueValue.Email(user.Email) : UniqueValue.Name(user.Name))));

    private async Task<string?> ClaimName(SignUpRequest request)
    {
        if (request.Name is { } wanted)
            return await Claim(UniqueValue.Name(wanted)) ? wanted : null;
        foreach (var candidate in NewUserDefaults.NameCandidates(request.Email))
            if (await Claim(UniqueValue.Name(candidate)))
                return candidate;
        return null;
    }

    /// <summary>
    /// Claims a value in its index grain. Until the operation that claims it ends, <see cref="Holds"/>
    /// answers true for it, so no other user can take it over between the claim and our write.
    /// </summary>
    private async Task<bool> Claim(UniqueValue value)
    {
        (_claiming ??= []).Add(value);
        var granted = await IndexOf(value).Claim(UserId);
        if (!granted)
            _claiming?.Remove(value);
        return granted;
    }

    private Task Release(UniqueValue value) => IndexOf(value).Release(UserId);

    private IUniqueValueGrain IndexOf(UniqueValue value) => value.Kind == UniqueKind.Email
        ? GrainFactory.GetGrain<IEmailGrain>(value.Value)
        : GrainFactory.GetGrain<IUserNameGrain>(value.Value);
}
