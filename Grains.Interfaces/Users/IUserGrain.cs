using Orleans.Concurrency;
using Kinopio.Grains.Interfaces.Accounts;

namespace Kinopio.Grains.Interfaces.Users;

/// <summary>
/// One Kinopio user: profile, password hash, apiKey and its own rate-limit bucket.
/// Every method that takes an <see cref="ApiCredential"/> serves one HTTP request: it checks
/// the key, takes one token from the bucket, then does the work, in this one call.
/// Methods that other grains call are read-only and interleave, so grains never wait on each other in a cycle.
/// </summary>
[Alias("Kinopio.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("SignUp")]
    Task<Outcome<PrivateUser>> SignUp(SignUpRequest request);

    [Alias("Admit")]
    Task<Problem?> Admit(ApiCredential credential);

    [Alias("GetUser")]
    Task<Outcome<PrivateUser>> GetUser(ApiCredential credential);

    [Alias("UpdateUser")]
    Task<Outcome<PrivateUser>> UpdateUser(ApiCredential credential, UserPatch patch);

    [Alias("DeleteUser")]
    Task<Outcome<Done>> DeleteUser(ApiCredential credential);

    [Alias("GetPublicUser"), AlwaysInterleave]
    Task<PublicUser?> GetPublicUser();

    /// <summary>The private user when the password is right, else null. Called by the EmailGrain.</summary>
    [Alias("CheckPassword"), AlwaysInterleave]
    Task<PrivateUser?> CheckPassword(string password);

    /// <summary>Whether this user holds (or is right now claiming) the unique value.</summary>
    [Alias("Holds"), AlwaysInterleave]
    Task<bool> Holds(UniqueValue value);
}
