using System.Collections.Immutable;
using Kinopio.Grains.Accounts;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Users;

/// <summary>
/// Password reset and change (contract §10). A reset token is kept as its SHA-256 with an expiry, works
/// for an hour, and once: setting the password, with a token or with the apiKey, ends every reset token.
/// Asking for a new token leaves the older ones alive. The apiKey never changes here.
/// </summary>
public sealed partial class UserGrain
{
    private static readonly TimeSpan ResetTokenLifetime = TimeSpan.FromHours(1);

    public async Task<string?> IssueResetToken(string email)
    {
        if (User is not { } user || user.Email != email)
            return null;

        var now = clock.GetUtcNow();
        var (token, credential) = ResetCredential.Issue(UserId);
        var live = state.State.ResetTokens.RemoveRange(state.State.ResetTokens.Where(t => t.Value <= now).Select(t => t.Key));
        await state.Save(state.State with { ResetTokens = live.SetItem(credential.TokenHash, now + ResetTokenLifetime) });
        return token;
    }

    public Task<Problem?> CheckResetToken(ResetCredential credential) =>
        Task.FromResult(IsLive(credential) ? null : Problem.InvalidResetToken);

    public async Task<Outcome<PrivateUser>> ResetPassword(ResetCredential credential, string password) =>
        IsLive(credential) ? await SetPassword(password) : Problem.InvalidResetToken;

    public async Task<Outcome<PrivateUser>> ChangePassword(ApiCredential credential, string password) =>
        Authenticate(credential) is { } problem ? problem : await SetPassword(password);

    /// <summary>Any new password ends every reset token: a link mailed before the change must not undo it.</summary>
    private async Task<Outcome<PrivateUser>> SetPassword(string password)
    {
        var hashed = await passwords.Hash(password);
        if (hashed.Problem is { } busy)
            return busy;
        await state.Save(state.State with { PasswordHash = hashed.Value!, ResetTokens = ImmutableDictionary<string, DateTimeOffset>.Empty });
        return Shown(withApiKey: false);
    }

    private bool IsLive(ResetCredential credential)
    {
        var now = clock.GetUtcNow();
        return User is not null
            && credential.UserId == UserId
            && state.State.ResetTokens.Any(token => token.Value > now && SecretHash.Matches(token.Key, credential.TokenHash));
    }
}
