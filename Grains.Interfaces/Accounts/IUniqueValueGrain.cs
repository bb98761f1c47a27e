namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>
/// The single place that says which user owns an email or a name. A claim is granted when the
/// value is free, already this user's, or held by a user that no longer holds it (a claim left
/// behind by a crash or a rename): the index asks the holder, so no claim locks a value forever.
/// </summary>
[Alias("Kinopio.IUniqueValueGrain")]
public interface IUniqueValueGrain : IGrainWithStringKey
{
    [Alias("Claim")]
    Task<bool> Claim(string userId);

    /// <summary>Frees the value if <paramref name="userId"/> holds it.</summary>
    [Alias("Release")]
    Task Release(string userId);

    [Alias("GetOwner")]
    Task<string?> GetOwner();
}

/// <summary>The email index; also where sign-in starts, and where failed sign-ins and password reset requests per email are counted.</summary>
[Alias("Kinopio.IEmailGrain")]
public interface IEmailGrain : IUniqueValueGrain
{
    [Alias("SignIn")]
    Task<Outcome<Users.PrivateUser>> SignIn(string password);

    /// <summary>Counts one password reset request for this email, known or not: null, or the 429 past the limit per hour.</summary>
    [Alias("AdmitPasswordReset")]
    Task<Problem?> AdmitPasswordReset();
}

/// <summary>The user-name index (case-insensitive).</summary>
[Alias("Kinopio.IUserNameGrain")]
public interface IUserNameGrain : IUniqueValueGrain;
