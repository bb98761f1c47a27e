using Kinopio.Api.Auth;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Realtime;

/// <summary>
/// The WebSockets open on this front end, and their caps (contract §11). Per client address and per
/// user the count is the cluster's: each socket is a lease in the address's <see cref="IClientGrain"/>
/// and the user's grain, which refuse past 20 (429, <c>Retry-After: 1</c>), and this front end renews
/// the leases of the sockets it holds (<see cref="Renew"/>). Past <c>Realtime:MaxSockets</c> on this
/// front end an upgrade answers 503. A refused upgrade counts nothing anywhere.
/// </summary>
public sealed class SocketCounts(IGrainFactory grains, IOptions<RealtimeOptions> realtime, ILogger<SocketCounts> log)
{
    /// <summary>The open sockets of this front end: socket id → its client address and (signed in) its caller.</summary>
    private readonly Dictionary<string, (string Address, Caller? Caller)> _open = [];

    /// <summary>Counts one more socket of the address (and user, when signed in), or answers why it may not open.</summary>
    public async Task<Problem?> TryOpen(string socketId, string address, Caller? caller)
    {
        lock (_open)
        {
            if (_open.Count >= realtime.Value.MaxSockets)
                return Problem.Unavailable("This server holds as many WebSockets as it can; try again later");
            _open[socketId] = (address, caller);
        }

        Problem? refused;
        try
        {
            refused = await grains.GetGrain<IClientGrain>(address).OpenSocket(socketId);
            if (refused is null && caller is not null && await caller.Grain.OpenSocket(caller.Credential, socketId) is { } userRefused)
            {
                await grains.GetGrain<IClientGrain>(address).CloseSocket(socketId);
                refused = userRefused;
            }
        }
        catch
        {
            Forget(socketId); // a grain call failed (a silo went away): the upgrade answers 503, nothing stays counted here
            throw;
        }

        if (refused is not null)
            Forget(socketId);
        return refused;
    }

    /// <summary>The socket that <see cref="TryOpen"/> counted has closed: its leases end (or expire, should the grains not answer).</summary>
    public async Task Close(string socketId)
    {
        var (address, caller) = Forget(socketId);
        try
        {
            await grains.GetGrain<IClientGrain>(address).CloseSocket(socketId);
            if (caller is not null)
                await caller.Grain.CloseSocket(socketId);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The leases of closed socket {SocketId} could not be ended; they expire unrenewed", socketId);
        }
    }

    /// <summary>Renews the leases of every socket this front end holds, one call per address and per user.</summary>
    public async Task Renew()
    {
        List<(string SocketId, string Address, Caller? Caller)> open;
        lock (_open)
            open = _open.Select(socket => (socket.Key, socket.Value.Address, socket.Value.Caller)).ToList();

        await Task.WhenAll(open.GroupBy(socket => socket.Address).Select(address =>
            grains.GetGrain<IClientGrain>(address.Key).RenewSockets(address.Select(socket => socket.SocketId).ToList())));
        await Task.WhenAll(open.Where(socket => socket.Caller is not null).GroupBy(socket => socket.Caller!.UserId).Select(user =>
            user.First().Caller!.Grain.RenewSockets(user.Select(socket => socket.SocketId).ToList())));
    }

    private (string Address, Caller? Caller) Forget(string socketId)
    {
        lock (_open)
        {
            _open.Remove(socketId, out var socket);
            return socket;
        }
    }
}
