using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Kinopio.Api.Realtime;

/// <summary>
/// Reads whole messages of a socket into buffers rented from the shared <see cref="ArrayPool{T}"/>:
/// 4 KiB while the socket waits, grown as a message needs up to <see cref="RealtimeOptions.MaxMessageBytes"/>,
/// and given back as soon as the message is read. An idle socket holds 4 KiB, not a 64 KiB array of its own.
/// </summary>
public static class MessageReader
{
    private const int FirstBufferBytes = 4 * 1024;

    /// <summary>The next message: its type and (for text) its text; null when it is longer than 64 KiB.</summary>
    public static async Task<(WebSocketMessageType Type, string Text)?> Receive(WebSocket socket, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        try
        {
            var length = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                if (length == Capacity(buffer))
                {
                    if (length == RealtimeOptions.MaxMessageBytes)
                        return null;
                    buffer = Grow(buffer, length);
                }

                frame = await socket.ReceiveAsync(buffer.AsMemory(length, Capacity(buffer) - length), aborted);
                length += frame.Count;
            }
            while (!frame.EndOfMessage && frame.MessageType != WebSocketMessageType.Close);

            return (frame.MessageType, frame.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(buffer, 0, length) : "");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Capacity(byte[] buffer) => Math.Min(buffer.Length, RealtimeOptions.MaxMessageBytes);

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, RealtimeOptions.MaxMessageBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
