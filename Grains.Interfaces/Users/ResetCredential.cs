using System.Buffers.Text;
using System.Security.Cryptography;

namespace Kinopio.Grains.Interfaces.Users;

/// <summary>
/// A password reset token as a request carries it: <c>&lt;userId&gt;.&lt;secret&gt;</c>, the secret being
/// 32 random bytes in base64url. The user id says which UserGrain keeps the token's SHA-256 (no index
/// grain needed); the dot keeps a token from ever looking like an apiKey, which is a UUID. The UserGrain
/// makes a token and hands it to the Api once, to be mailed; what is kept and compared is <see cref="TokenHash"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kinopio.ResetCredential")]
public sealed record ResetCredential([property: Id(0)] string UserId, [property: Id(1)] string TokenHash)
{
    private const int SecretBytes = 32;
    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>A new token of the user, and its credential (what the grain keeps).</summary>
    public static (string Token, ResetCredential Credential) Issue(string userId)
    {
        var token = $"{userId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return (token, FromToken(token)!);
    }

    /// <summary>The credential of a token, or null when the text is not shaped like one.</summary>
    public static ResetCredential? FromToken(string token)
    {
        var dot = token.IndexOf('.');
        if (dot < 0 || !Ids.IsValid(token[..dot]) || token.Length - dot - 1 != SecretLength)
            return null;
        return new ResetCredential(token[..dot], SecretHash.Of(token));
    }

    public override string ToString() => "ResetCredential(***)";
}
