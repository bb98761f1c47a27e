using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// The email index, and the door of sign-in and password reset. Failed sign-ins and reset requests
/// are counted per email by the email's shard of <see cref="IEmailLimitGrain"/> (so guessing and
/// mail flooding are stopped whatever address the requests come from); this grain holds nothing in
/// memory and is let go after two idle seconds, like the name index. Sign-ins of one email are
/// decided one at a time here (non-reentrant), so a check and its count are never split by another.
/// </summary>
public sealed class EmailGrain(
    [PersistentState("owner", KinopioStorage.Name)] IPersistentState<OwnerState> owner,
    PasswordHashing passwords)
    : UniqueValueGrain(owner, UniqueKind.Email), IEmailGrain
{
    private static readonly Problem WrongCredentials = Problem.Unauthorized("Email or password is wrong");

    private string Email => this.GetPrimaryKeyString();

    private IEmailLimitGrain Limits => GrainFactory.GetGrain<IEmailLimitGrain>(IEmailLimitGrain.ShardOf(Email));

    public async Task<Outcome<PrivateUser>> SignIn(string password)
    {
        try
        {
            return await CheckSignIn(password);
        }
        finally
        {
            LetGo();
        }
    }

    private async Task<Outcome<PrivateUser>> CheckSignIn(string password)
    {
        if (await Limits.Refusal(EmailLimit.SignInFailure, Email) is { } refused)
            return refused;

        var owner = OwnerId is { } userId ? GrainFactory.GetGrain<IUserGrain>(userId) : null;
        var checkedPassword = owner is not null
            ? await owner.CheckPassword(password)
            : await passwords.Verify<PrivateUser>(password, stored: null, owner: null);
        // The right password, but the stored key could not be decrypted (a lost key ring): a new key.
        if (checkedPassword.Value is { ApiKey: null })
            checkedPassword = await owner!.ReplaceLostApiKey(password);
        if (checkedPassword.Problem is not null || checkedPassword.Value is not null)
            return checkedPassword;
        await Limits.Count(EmailLimit.SignInFailure, Email);
        return WrongCredentials;
    }

    public async Task<Problem?> AdmitPasswordReset()
    {
        try
        {
            return await Limits.Admit(EmailLimit.PasswordReset, Email);
        }
        finally
        {
            LetGo();
        }
    }
}
