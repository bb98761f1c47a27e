using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>The email and the new password of account requests (sign-up, password reset and change), each a 400 naming it when wrong.</summary>
public static class AccountFields
{
    /// <summary>A required email that looks like one, trimmed.</summary>
    public static Problem? Email(JsonElement body, out string email)
    {
        var problem = Required(body, "email", UserLimits.EmailMaxLength, out email);
        email = email.Trim();
        return problem ?? (UserLimits.LooksLikeEmail(email) ? null : Problem.BadRequest("email must be an email address"));
    }

    /// <summary>A required password of 8–256 characters.</summary>
    public static Problem? NewPassword(JsonElement body, out string password) =>
        Required(body, "password", UserLimits.PasswordMaxLength, out password)
        ?? (password.Length < UserLimits.PasswordMinLength
            ? Problem.BadRequest($"password must be at least {UserLimits.PasswordMinLength} characters")
            : null);
}
