using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// The apiKey: its hash checks every request, and the key itself is stored only encrypted
/// (<see cref="UserState.ProtectedApiKey"/>), decrypted once per activation to be shown on sign-in
/// and <c>GET /user</c>. A record from before encryption is encrypted at its activation. When the key
/// ring can no longer decrypt it (the ring was lost), the key still works but cannot be shown: a
/// sign-in with the right password then replaces it (<see cref="ReplaceLostApiKey"/>).
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>The decrypted key; null without an account, or when the key ring cannot decrypt it.</summary>
    private string? _apiKey;

    private async Task RevealApiKey()
    {
        if (User?.PlaintextApiKey is { } plaintext)
        {
            await state.Save(state.State with { ProtectedApiKey = apiKeys.Protect(plaintext), Account = User with { PlaintextApiKey = null } });
            _apiKey = plaintext;
        }
        else
            _apiKey = state.State.ProtectedApiKey is { } stored ? apiKeys.Unprotect(stored) : null;
    }

    /// <summary>
    /// A new apiKey, encrypted, and claimed for this user in the key index; the caller stores it.
    /// Encrypted first: a key ring that fails leaves no index entry behind.
    /// </summary>
    private async Task<IssuedApiKey> IssueApiKey()
    {
        var apiKey = Guid.NewGuid().ToString();
        var issued = new IssuedApiKey(apiKey, ApiCredential.FromApiKey(apiKey).KeyHash, apiKeys.Protect(apiKey));
        await GrainFactory.GetGrain<IApiKeyGrain>(issued.Hash).Assign(UserId);
        return issued;
    }

    public async Task<Outcome<PrivateUser>> ReplaceLostApiKey(string password)
    {
        if (User is not { } user)
            return new Outcome<PrivateUser>(null, null);
        var verified = await passwords.Verify(password, state.State.PasswordHash, user);
        if (verified.Problem is { } busy)
            return busy;
        if (verified.Value is null)
            return new Outcome<PrivateUser>(null, null);

        // A sign-in just before this one may have replaced it already.
        if (_apiKey is null)
        {
            var lostHash = state.State.ApiKeyHash;
            var issued = await IssueApiKey();
            await state.Save(state.State with { ApiKeyHash = issued.Hash, ProtectedApiKey = issued.Protected });
            _apiKey = issued.Key;
            await GrainFactory.GetGrain<IApiKeyGrain>(lostHash).Revoke(UserId);
        }
        return Shown(withApiKey: true);
    }

    /// <summary>A key just made: itself (shown once to its user), its hash and its ciphertext.</summary>
    private sealed record IssuedApiKey(string Key, string Hash, string Protected);
}
