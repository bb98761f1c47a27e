using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Spaces;
using Kinopio.Grains.RateLimiting;

namespace Kinopio.Api.Realtime;

/// <summary>
/// One WebSocket speaking the 2020 Kinopio room protocol: <c>joinSpaceRoom</c> puts it in a space's
/// room (answered <c>connected</c>, the others told <c>userJoinedRoom</c>), every later JSON message
/// is relayed unchanged to the others, and leaving or closing tells them <c>userLeftRoom</c>.
/// Frames that are not JSON are dropped; a frame over 64 KiB closes the socket (1009); a room the
/// socket may not view closes it (1008); messages past the flood limit are dropped; joins are
/// applied at most one a second (<see cref="JoinThrottle"/>). The socket's messages and its joins
/// that come due are handled one at a time, in order.
/// </summary>
public sealed class RoomConnection
{
    private readonly WebSocket _socket;
    private readonly RoomHub _hub;
    private readonly IGrainFactory _grains;
    private readonly TokenBucket _flood;
    private readonly JoinThrottle _joins;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _clientAddress;
    private readonly ILogger _log;
    private readonly Channel<Outgoing> _outbox;

    /// <summary>
    /// What one socket's outbox holds at most: messages, and bytes of their text as .NET holds it
    /// (a 64 KiB frame is 128 KiB as a string), so a socket that never reads holds 1 MiB, not 256 such frames.
    /// </summary>
    private const int OutboxMessages = 256;
    private const int OutboxBytes = 1024 * 1024;

    private long _queuedBytes;

    private JsonNode? _user;
    private bool _ended;

    /// <summary>1013: a refusal the client may retry soon (an anonymous join past its address's rate limit).</summary>
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    /// <summary>Set when the space's rights no longer let this socket view its room: from then on it relays nothing.</summary>
    private volatile bool _evicted;

    /// <summary>The messages only the server sends; a client frame that claims to be one is dropped.</summary>
    private static readonly HashSet<string> ServerMessages = ["connected", "userJoinedRoom", "userLeftRoom"];

    public RoomConnection(string id, WebSocket socket, Caller? caller, string clientAddress, RoomHub hub, IGrainFactory grains, RealtimeOptions options,
        TimeProvider clock, ILogger log)
    {
        Id = id;
        _clientAddress = clientAddress;
        _joins = new JoinThrottle(clock, () => _ = ApplyDueJoin());
        _log = log;
        _socket = socket;
        Caller = caller;
        _hub = hub;
        _grains = grains;
        _flood = new TokenBucket(new RateLimitOptions { PermitsPerSecond = options.MessagesPerSecond, BlockSeconds = 1 }, clock);
        _outbox = Channel.CreateBounded<Outgoing>(
            new BoundedChannelOptions(OutboxMessages) { FullMode = BoundedChannelFullMode.DropOldest }, itemDropped: GiveBack);
    }

    /// <summary>The socket's id: its presence visit, and its lease in the socket caps (<see cref="SocketCounts"/>).</summary>
    public string Id { get; }

    /// <summary>The signed-in user of the socket, or null for an anonymous spectator.</summary>
    public Caller? Caller { get; }

    /// <summary>The room the socket is in, if any.</summary>
    public string? SpaceId => _spaceId;

    private volatile string? _spaceId;

    private sealed record Outgoing(string? Text, WebSocketCloseStatus? Close = null, string? Reason = null)
    {
        public long Bytes => (Text?.Length ?? 0) * sizeof(char);
    }

    /// <summary>The bytes of the messages queued for this socket: taken by <see cref="Send"/>, given back once a message is sent or dropped.</summary>
    internal long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    public async Task Run(CancellationToken aborted)
    {
        var sending = SendAll(aborted);
        try
        {
            await ReceiveAll(aborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection is gone (closed without a handshake, or no pong in time): leave below.
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            _joins.Dispose();
            await _turn.WaitAsync(CancellationToken.None);
            _ended = true;
            await LeaveRoom(tellTheRoom: true);
            _turn.Release();
            _outbox.Writer.TryComplete();
            await sending;
        }
    }

    /// <summary>A grain call failed (a silo went away mid-join, say): the client should reconnect.</summary>
    private void Fail(Exception e)
    {
        _log.LogWarning(e, "Realtime socket {SocketId} failed; closing it", Id);
        Close(WebSocketCloseStatus.InternalServerError, "the server could not handle this, reconnect");
    }

    /// <summary>The second after the last applied join has ended: the join that waited is applied, in its turn.</summary>
    private async Task ApplyDueJoin()
    {
        await _turn.WaitAsync(CancellationToken.None);
        try
        {
            if (!_ended && _joins.TakeDue() is { } join)
                await Join(join);
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// The space's rights no longer let this socket view its room (contract §9.3): what was queued
    /// for it is dropped, so the first frame it gets now is the close (1008).
    /// </summary>
    public void Evict()
    {
        _evicted = true;
        while (_outbox.Reader.TryRead(out var dropped))
            GiveBack(dropped);
        Close(WebSocketCloseStatus.PolicyViolation, "you may no longer view this space");
    }

    /// <summary>
    /// Queues a message for this socket; nobody else waits. A socket that reads too slowly loses its
    /// oldest queued message past <see cref="OutboxMessages"/>, and a new message that would pass
    /// <see cref="OutboxBytes"/> is dropped.
    /// </summary>
    public void Send(string message)
    {
        var outgoing = new Outgoing(message);
        if (Interlocked.Add(ref _queuedBytes, outgoing.Bytes) > OutboxBytes || !_outbox.Writer.TryWrite(outgoing))
            GiveBack(outgoing);
    }

    private void GiveBack(Outgoing outgoing) => Interlocked.Add(ref _queuedBytes, -outgoing.Bytes);

    private async Task ReceiveAll(CancellationToken aborted)
    {
        while (_socket.State == WebSocketState.Open)
        {
            if (await MessageReader.Receive(_socket, aborted) is not var (type, text))
            {
                Close(WebSocketCloseStatus.MessageTooBig, "messages are at most 64 KiB");
                return;
            }

            if (type == WebSocketMessageType.Close)
            {
                Close(WebSocketCloseStatus.NormalClosure, "bye");
                return;
            }

            if (type == WebSocketMessageType.Text && _flood.TryTake() is null)
            {
                await _turn.WaitAsync(aborted);
                try
                {
                    await Handle(text);
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
    }

    private async Task Handle(string text)
    {
        JsonNode? message;
        string? kind, joinSpaceId;
        try
        {
            message = JsonNode.Parse(text, documentOptions: Strict);
            kind = StringAt(message, "message");
            joinSpaceId = kind == "joinSpaceRoom" ? StringAt(message?["space"], "id") : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return; // not JSON, a duplicate key, or a string .NET cannot read (a lone surrogate escape): dropped like any frame that is not JSON
        }

        if (kind == "joinSpaceRoom")
        {
            // The throttle keeps the join whole; its space id was read (safely) here, and is read again when applied.
            if (joinSpaceId is not null && _joins.Offer((JsonObject)message!) is { } now)
                await Join(now);
        }
        else if (kind is not null && ServerMessages.Contains(kind))
            return; // only the server says who joined or left: nobody forges a join notice
        else if (_spaceId is not null && !_evicted)
            await _hub.Relay(this, _spaceId, text);
    }

    /// <summary>
    /// A duplicate key anywhere in a frame fails the parse: left to the nodes, it would throw
    /// ArgumentException on first access (dotnet/runtime#70604), wherever that access happens.
    /// </summary>
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The string <paramref name="name"/> of a JSON object, or null (not an object, no such string).</summary>
    private static string? StringAt(JsonNode? node, string name) =>
        node is JsonObject named && named[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private async Task Join(JsonObject message)
    {
        if (StringAt(message["space"], "id") is not { } spaceId || !Ids.IsValid(spaceId))
            return;

        await LeaveRoom(tellTheRoom: true);
        var entry = await Enter(spaceId, message["user"]);
        if (entry.Problem is { } refused)
        {
            Close(refused.Kind == ProblemKind.RateLimited ? TryAgainLater : WebSocketCloseStatus.PolicyViolation, refused.Message);
            return;
        }

        _spaceId = spaceId;
        _user = entry.Value;
        await _hub.Join(this, spaceId);
        // Rights that narrowed since Enter were rechecked (RoomHub.Recheck) before this socket was in the
        // hub's room, perhaps before this front end subscribed to it: asked once more now, none is missed.
        if ((await _grains.GetGrain<ISpaceGrain>(spaceId).ViewRoom(new SpaceAccess(Caller?.UserId))).Problem is not null)
        {
            Evict();
            await LeaveRoom(tellTheRoom: false);
            return;
        }

        // The room hears of the join before the socket is told: whoever joins after it cannot get this notice.
        await _hub.Relay(this, spaceId, Notice("userJoinedRoom"));
        Send("""{"message":"connected"}""");
    }

    /// <summary>
    /// Checks the right to view the room and finds the user the room is told about: a signed-in
    /// socket is its server user (and present there); an anonymous one passes on what it claims.
    /// A space the server does not know (not yet synced) may be joined; it counts for no presence.
    /// An anonymous join of a room this front end has no socket in costs a token of the client
    /// address (<see cref="IClientGrain.ViewRoom"/>): a flood of random ids stops at the address's
    /// bucket before any space grain is activated or read.
    /// </summary>
    private async Task<Outcome<JsonNode?>> Enter(string spaceId, JsonNode? claimedUser)
    {
        if (Caller is not null)
        {
            var entry = await Caller.Grain.EnterRoom(Caller.Credential, Id, spaceId);
            if (entry.Problem is { } problem)
                return problem;
            var user = JsonSerializer.SerializeToNode(entry.Value!.User, KinopioJson.Options)!;
            user["isSignedIn"] = true;
            user["isCollaborator"] = entry.Value.IsCollaborator;
            return user;
        }

        var view = _hub.HasRoom(spaceId)
            ? await _grains.GetGrain<ISpaceGrain>(spaceId).ViewRoom(SpaceAccess.Anonymous)
            : await _grains.GetGrain<IClientGrain>(_clientAddress).ViewRoom(spaceId);
        if (view.Problem is { } refused)
            return refused;
        // What a spectator claims is passed on, but never that it is signed in or a collaborator.
        var claimed = claimedUser?.DeepClone();
        if (claimed is JsonObject spectator)
        {
            spectator["isSignedIn"] = false;
            spectator["isCollaborator"] = false;
        }
        return claimed;
    }

    /// <summary>
    /// Leaves the room: presence first (so a listing never shows someone the room was told has
    /// left), then the notice (unless the room was never told of the join), then this front end's
    /// membership. Each step is tried on its own, so a failing cluster cannot keep the socket in the
    /// room (presence leases end it anyway).
    /// </summary>
    private async Task LeaveRoom(bool tellTheRoom)
    {
        if (_spaceId is not { } spaceId)
            return;
        _spaceId = null;
        if (Caller is not null)
            await Quietly(() => Caller.Grain.LeaveRoom(Caller.Credential, Id));
        if (tellTheRoom)
            await Quietly(() => _hub.Relay(this, spaceId, Notice("userLeftRoom")));
        await Quietly(() => _hub.Leave(this, spaceId));
    }

    private async Task Quietly(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "Realtime socket {SocketId} could not leave its room cleanly", Id);
        }
    }

    private string Notice(string kind) => new JsonObject { ["message"] = kind, ["user"] = _user?.DeepClone() }.ToJsonString();

    private void Close(WebSocketCloseStatus status, string reason)
    {
        _outbox.Writer.TryWrite(new Outgoing(null, status, reason));
        _outbox.Writer.TryComplete();
    }

    private async Task SendAll(CancellationToken aborted)
    {
        try
        {
            await foreach (var outgoing in _outbox.Reader.ReadAllAsync(aborted))
            {
                if (outgoing.Close is { } status)
                {
                    await _socket.CloseOutputAsync(status, outgoing.Reason, aborted);
                    return;
                }

                await _socket.SendAsync(Encoding.UTF8.GetBytes(outgoing.Text!), WebSocketMessageType.Text, endOfMessage: true, aborted);
                GiveBack(outgoing);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer is gone; the receive side ends the connection.
        }
    }
}
