using Kinopio.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Kinopio.Grains.Accounts;

/// <summary>
/// Every password hash of a silo runs here: on the thread pool, not on the grain scheduler that
/// every grain of the silo shares, at most <see cref="PasswordHashingOptions.Concurrency"/> at once
/// with at most <see cref="PasswordHashingOptions.Queue"/> waiting. Past that the work is refused
/// with <see cref="Busy"/> (503) instead of growing a backlog that would hold every caller.
/// </summary>
public sealed class PasswordHashing(PasswordHasher hasher, IOptions<PasswordHashingOptions> options)
{
    public static readonly Problem Busy = Problem.Unavailable("the server is busy checking passwords, try again in a moment");

    private readonly SemaphoreSlim _running = new(options.Value.Concurrency);
    private readonly int _admissible = options.Value.Concurrency + options.Value.Queue;
    private int _admitted;

    public Task<Outcome<string>> Hash(string password) => Run(() => hasher.Hash(password));

    /// <summary>
    /// Checks a password against a stored hash: <paramref name="owner"/> when it is right, no value when
    /// it is wrong. With no hash (no such user) it spends the same time and answers no value.
    /// </summary>
    public async Task<Outcome<T>> Verify<T>(string password, string? stored, T? owner) where T : class
    {
        var verified = await Run(() => stored is not null ? PasswordHasher.Verify(password, stored) : hasher.VerifyNothing(password));
        return verified.Problem is { } busy ? busy : new Outcome<T>(verified.Value ? owner : null, null);
    }

    /// <summary>Runs one piece of hashing work within the bound, or refuses it at once.</summary>
    public async Task<Outcome<T>> Run<T>(Func<T> work)
    {
        if (Interlocked.Increment(ref _admitted) > _admissible)
        {
            Interlocked.Decrement(ref _admitted);
            return Busy;
        }

        try
        {
            await _running.WaitAsync();
            try
            {
                return await Task.Run(work);
            }
            finally
            {
                _running.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}
