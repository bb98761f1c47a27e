namespace Kinopio.Grains.Interfaces.Accounts;

/// <summary>The rate-limit bucket of requests without a valid apiKey, one grain per client IP address.</summary>
[Alias("Kinopio.IClientGrain")]
public interface IClientGrain : IGrainWithStringKey
{
    [Alias("Admit")]
    Task<Problem?> Admit();
}
