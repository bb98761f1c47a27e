using Kinopio.Grains.Interfaces.Users;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.RateLimiting;

namespace Kinopio.Grains.Users;

/// <summary>
/// The WebSockets of this user open on every front end (contract §11), as leases the front ends
/// renew. Made at the first socket: most activations never open one.
/// </summary>
public sealed partial class UserGrain
{
    private SocketLeases? _sockets;
    private SocketLeases Sockets => _sockets ??= new(limits.Value.SocketsPerUser, "user", clock);

    public Task<Problem?> OpenSocket(ApiCredential credential, string socketId) =>
        Task.FromResult(CheckKey(credential) ?? Sockets.TryOpen(socketId));

    public Task CloseSocket(string socketId)
    {
        _sockets?.Close(socketId);
        return Task.CompletedTask;
    }

    public Task RenewSockets(IReadOnlyList<string> socketIds)
    {
        _sockets?.Renew(socketIds);
        return Task.CompletedTask;
    }
}
