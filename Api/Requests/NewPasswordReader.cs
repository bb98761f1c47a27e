using System.Text.Json;
using Kinopio.Grains.Interfaces;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary><c>PATCH /user/update-password</c>: <c>{password}</c>; other attributes are ignored.</summary>
public static class NewPasswordReader
{
    public static Outcome<string> Read(JsonElement body)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (AccountFields.NewPassword(body, out var password) is { } problem)
            return problem;
        return password;
    }
}
