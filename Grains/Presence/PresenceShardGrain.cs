using System.Security.Cryptography;
using System.Text;
using Kinopio.Grains.Interfaces.Presence;

namespace Kinopio.Grains.Presence;

/// <summary>An in-memory set of user ids: presence is what is happening now, so nothing is stored.</summary>
public sealed class PresenceShardGrain : Grain, IPresenceShardGrain
{
    private readonly HashSet<string> _userIds = [];

    public static long ShardOf(string userId) => SHA256.HashData(Encoding.UTF8.GetBytes(userId))[0] % IPresenceShardGrain.Count;

    public Task Add(string userId)
    {
        _userIds.Add(userId);
        return Task.CompletedTask;
    }

    public Task Remove(string userId)
    {
        _userIds.Remove(userId);
        return Task.CompletedTask;
    }

    public async Task Forget(string userId)
    {
        if (await GrainFactory.GetGrain<Interfaces.Users.IUserGrain>(userId).GetPresence() is null)
            _userIds.Remove(userId);
    }

    public Task<IReadOnlyList<string>> GetUserIds() => Task.FromResult<IReadOnlyList<string>>(_userIds.ToList());
}
