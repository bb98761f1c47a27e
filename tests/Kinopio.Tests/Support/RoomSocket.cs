using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Kinopio.Tests.Support;

/// <summary>A Kinopio client's realtime socket to the server root, as a test drives it.</summary>
public sealed class RoomSocket(WebSocket socket) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public WebSocket Socket => socket;

    /// <summary>Opens a socket; from <paramref name="clientAddress"/> (through the trusted proxy) when given, else from loopback.</summary>
    public static async Task<RoomSocket> Connect(TestServer server, string? apiKey = null, string? clientAddress = null)
    {
        var client = server.CreateWebSocketClient();
        if (clientAddress is not null)
            client.ConfigureRequest = request => request.Headers["X-Forwarded-For"] = clientAddress;
        var uri = new Uri(server.BaseAddress, apiKey is null ? "/" : $"/?apiKey={apiKey}");
        return new RoomSocket(await client.ConnectAsync(uri, CancellationToken.None));
    }

    /// <summary>A JSON message of exactly <paramref name="bytes"/> bytes of UTF-8: <c>{"message":kind,"data":"xx…"}</c>.</summary>
    public static string MessageOfSize(string kind, int bytes)
    {
        var empty = JsonSerializer.Serialize(new { message = kind, data = "" });
        return empty.Insert(empty.Length - 2, new string('x', bytes - empty.Length));
    }

    public Task Send(object message) => SendText(message as string ?? JsonSerializer.Serialize(message));

    public Task SendText(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Joins a space's room the way the 2020 client does, and (unless told not to) waits for <c>connected</c>.</summary>
    public async Task Join(string spaceId, object? claimedUser = null, bool waitForConnected = true)
    {
        await Send(new { message = "joinSpaceRoom", space = new { id = spaceId, name = "a space" }, user = claimedUser ?? new { id = "anonymous" }, clientId = Guid.NewGuid().ToString() });
        if (waitForConnected)
            Assert.Equal("connected", (await Receive())["message"]!.ToString());
    }

    /// <summary>The next message, waiting at most ten seconds.</summary>
    public async Task<JsonNode> Receive()
    {
        var (type, text) = await ReceiveFrame();
        Assert.Equal(WebSocketMessageType.Text, type);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts that the next frame from the server is its close, and answers the close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveClose()
    {
        var (type, text) = await ReceiveFrame();
        Assert.True(type == WebSocketMessageType.Close, $"expected the close, got a {type} frame first: {text}");
        return socket.CloseStatus;
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveFrame()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var text = new MemoryStream();
        var buffer = new byte[16 * 1024];
        ValueWebSocketReceiveResult frame;
        do
        {
            frame = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            text.Write(buffer, 0, frame.Count);
        }
        while (!frame.EndOfMessage);
        return (frame.MessageType, Encoding.UTF8.GetString(text.ToArray()));
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        socket.Dispose();
    }
}
