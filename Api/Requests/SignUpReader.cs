using System.Text.Json;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using static Kinopio.Api.Requests.JsonFields;

namespace Kinopio.Api.Requests;

/// <summary>A sign-up with the id its user will have: the client's own, or a new one.</summary>
public sealed record SignUp(string UserId, SignUpRequest Request);

/// <summary>
/// <c>POST /user/sign-up</c> reads email, password and the writable profile attributes and ignores
/// everything else (Kinopio's client sends its whole local user); a known attribute with a wrong
/// value is still a 400.
/// </summary>
public static class SignUpReader
{
    public static Outcome<SignUp> Read(JsonElement body)
    {
        if (NotAnObject(body) is { } notObject)
            return notObject;
        if (AccountFields.Email(body, out var email) is { } badEmail)
            return badEmail;
        if (AccountFields.NewPassword(body, out var password) is { } badPassword)
            return badPassword;

        string? id = null, name = null, color = null, description = null, website = null;
        foreach (var field in body.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "id" => StringOrNull(field, Ids.MaxLength, out id) ?? (string.IsNullOrEmpty(id) || Ids.IsValid(id)
                    ? null
                    : Problem.BadRequest("id must be letters, digits, - and _")),
                "name" => StringOrNull(field, UserLimits.NameMaxLength, out name) ?? (name is null || UserLimits.IsValidName(name)
                    ? null
                    : Problem.BadRequest("name must be 1-60 characters: letters, digits, - and _")),
                "color" => StringOrNull(field, UserLimits.ColorMaxLength, out color),
                "description" => StringOrNull(field, UserLimits.DescriptionMaxLength, out description),
                "website" => StringOrNull(field, UserLimits.WebsiteMaxLength, out website),
                _ => null,
            };
            if (problem is not null)
                return problem;
        }

        return new SignUp(
            string.IsNullOrEmpty(id) ? Ids.New() : id,
            new SignUpRequest
            {
                Email = email,
                Password = password,
                Name = name,
                Color = color,
                Description = description,
                Website = website,
            });
    }
}
