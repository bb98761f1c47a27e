using System.Security.Cryptography;

namespace Kinopio.Grains.Interfaces;

/// <summary>User and space ids: URL-safe strings of 1–64 characters; generated ones are nanoid-style.</summary>
public static class Ids
{
    public const int MaxLength = 64;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    public static string New(int length = 21) => RandomNumberGenerator.GetString(Alphabet, length);

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(IsUrlSafe);

    public static bool IsUrlSafe(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
}
