using System.Text.Json;
using Kinopio.Grains.Interfaces;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary><c>POST /user/reset-password</c>: <c>{email}</c>; other attributes are ignored.</summary>
public static class ResetRequestReader
{
    public static Outcome<string> Read(JsonElement body)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (AccountFields.Email(body, out var email) is { } problem)
            return problem;
        return email;
    }
}
