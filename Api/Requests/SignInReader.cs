using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

public sealed record SignIn(string Email, string Password);

public static class SignInReader
{
    public static Outcome<SignIn> Read(JsonElement body)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (Required(body, "email", UserLimits.EmailMaxLength, out var email) is { } badEmail)
            return badEmail;
        if (Required(body, "password", UserLimits.PasswordMaxLength, out var password) is { } badPassword)
            return badPassword;
        return new SignIn(email.Trim(), password);
    }
}
