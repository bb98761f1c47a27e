using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// A realtime socket to an Api front end's root, as the Kinopio web client opens it; every wait is
/// bounded (<see cref="Patience"/>).
/// </summary>
internal sealed class RoomSocket : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket;

    private RoomSocket(ClientWebSocket socket) => this.socket = socket;

    public WebSocketState State => socket.State;

    /// <summary>Connects, from <paramref name="source"/> (a loopback address, see <see cref="LoopbackSource"/>) when given.</summary>
    public static async Task<RoomSocket> ConnectAsync(Uri uri, System.Net.IPAddress? source = null)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            if (source is null)
                await socket.ConnectAsync(uri, timeout.Token);
            else
                await socket.ConnectAsync(uri, new HttpMessageInvoker(LoopbackSource.Handler(source)), timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RoomSocket(socket);
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Joins a space's room the way the 2020 client does, and checks the answer is <c>connected</c>.</summary>
    public async Task JoinAsync(string spaceId, object claimedUser)
    {
        await SendAsync(JsonSerializer.Serialize(new
        {
            message = "joinSpaceRoom",
            space = new { id = spaceId, name = "a space" },
            user = claimedUser,
            clientId = Guid.NewGuid().ToString(),
        }));
        var answer = await ReceiveJsonAsync();
        Assert.Equal("connected", answer.GetProperty("message").GetString());
    }

    /// <summary>The next message exactly as it came (a text message, all of its frames), within <paramref name="patience"/> (default <see cref="Patience"/>).</summary>
    public async Task<byte[]> ReceiveBytesAsync(TimeSpan? patience = null)
    {
        var (type, bytes) = await ReceiveMessageAsync(patience ?? Patience);
        Assert.True(type == WebSocketMessageType.Text,
            $"expected a text message, got {type}" + (type == WebSocketMessageType.Close ? $" {socket.CloseStatus} {socket.CloseStatusDescription}" : ""));
        return bytes;
    }

    public async Task<JsonElement> ReceiveJsonAsync() => JsonDocument.Parse(await ReceiveBytesAsync()).RootElement.Clone();

    /// <summary>
    /// Asserts that the next frame from the server is its close (no message came before it, so none
    /// sent meanwhile reached this socket) and answers the close status.
    /// </summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        var (type, bytes) = await ReceiveMessageAsync(Patience);
        Assert.True(type == WebSocketMessageType.Close, $"expected the close, got a {type} message first: {Encoding.UTF8.GetString(bytes)}");
        return socket.CloseStatus;
    }

    /// <summary>The close handshake, as a browser tab that leaves does it.</summary>
    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        // Whatever state it is in: no handshake to wait for, the server sees the connection end.
        socket.Abort();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveMessageAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        ValueWebSocketReceiveResult frame;
        try
        {
            do
            {
                frame = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                message.Write(buffer, 0, frame.Count);
            }
            while (!frame.EndOfMessage);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no message within {patience.TotalSeconds:0} s");
        }
        return (frame.MessageType, message.ToArray());
    }
}
