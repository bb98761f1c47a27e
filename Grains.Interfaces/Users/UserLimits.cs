namespace Kinopio.Grains.Interfaces.Users;

/// <summary>The lengths and formats of user attributes (contract §1 and §4.1).</summary>
public static class UserLimits
{
    public const int NameMaxLength = 60;
    public const int EmailMaxLength = 254;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 256;
    public const int ColorMaxLength = 32;
    public const int DescriptionMaxLength = 1000;
    public const int WebsiteMaxLength = 300;

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= NameMaxLength && name.All(Ids.IsUrlSafe);

    /// <summary>Looks like an email: one @ with something on both sides, a dot in the domain, no spaces.</summary>
    public static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= EmailMaxLength
            && at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }
}
