using System.Security.Cryptography;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Grains.Users;

/// <summary>What the server picks for a new user who did not say: a color, and name candidates.</summary>
public static class NewUserDefaults
{
    private static readonly string[] Colors =
        ["#c9a0e1", "#a0c9e1", "#e1c9a0", "#a0e1c9", "#e1a0b4", "#b4e1a0", "#d3badf", "#f0c987"];

    public static string Color() => Colors[RandomNumberGenerator.GetInt32(Colors.Length)];

    /// <summary>The local part of the email made url-safe, then the same with a random suffix.</summary>
    public static IEnumerable<string> NameCandidates(string email)
    {
        var local = new string(email.Split('@')[0].Where(Ids.IsUrlSafe).Take(40).ToArray());
        var stem = local.Length > 0 ? local : "user";
        yield return stem;
        for (var attempt = 0; attempt < 8; attempt++)
            yield return $"{stem}-{RandomNumberGenerator.GetInt32(1000, 100_000)}";
        yield return $"user-{Ids.New(12)}";
    }
}
