using Kinopio.Grains.Interfaces;

namespace Kinopio.Api.Auth;

/// <summary>
/// The caller of a request as the <see cref="ApiKeyResolver"/> found it (null: anonymous), the
/// address's refusal when looking up an unknown key was not admitted, and whether the lookup
/// already took the address's token (an anonymous request costs one token, not two).
/// </summary>
public sealed record KeyResolution(Caller? Caller, Problem? Refused, bool AddressPaid)
{
    public static readonly KeyResolution Anonymous = new(null, null, false);
}
