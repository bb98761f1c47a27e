using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kinopio.Api.Http;
using Kinopio.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Kinopio.Tests.Http;

/// <summary>
/// What the fuzz corpus (tests/fuzz.py) found: bodies that System.Text.Json parses but whose strings it
/// cannot read (invalid UTF-8, lone surrogate escapes) answered 503; duplicate keys were read differently
/// by different readers; a body that broke off was logged as a server failure; a room message whose
/// <c>space</c> is not an object, or holds a lone surrogate, closed the socket with 1011.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class MalformedInputTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'d', (byte)'e', (byte)'s', (byte)'c', (byte)'r', (byte)'i', (byte)'p', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', 0xed, 0xa0, 0x80, (byte)'"', (byte)'}' })]
    public async Task A_body_that_is_not_utf8_is_a_400_and_changes_nothing(byte[] body)
    {
        var key = await _client.NewUserKey();
        var before = (await _client.Get("/user", key)).Text;

        (await _client.Send(HttpMethod.Patch, "/user", Bytes(body), key)).IsError(HttpStatusCode.BadRequest, "UTF-8");
        (await _client.Send(HttpMethod.Post, "/user/sign-up", Bytes(body))).IsError(HttpStatusCode.BadRequest, "UTF-8");
        Assert.Equal(before, (await _client.Get("/user", key)).Text);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_reads_as_the_replacement_character()
    {
        var key = await _client.NewUserKey();

        var answer = await _client.Send(HttpMethod.Patch, "/user", """{"description": "a\ud800b \udfff c\ud83d\ude00"}""", key);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("a\uFFFDb \uFFFD c\U0001F600", answer["description"]);
    }

    [Fact]
    public void Only_lone_surrogate_escapes_are_rewritten()
    {
        var json = Encoding.UTF8.GetBytes("""["\ud800", "\\ud800", "\ud83d\ude00", "\uDFFF\uD800x", "\u00e9", "\ud8"]""");

        JsonBody.ReplaceLoneSurrogateEscapes(json);

        Assert.Equal("""["\uFFFD", "\\ud800", "\ud83d\ude00", "\uFFFD\uFFFDx", "\u00e9", "\ud8"]""", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public async Task A_property_named_twice_is_a_400_and_changes_nothing()
    {
        var key = await _client.NewUserKey();
        var before = (await _client.Get("/user", key)).Text;

        (await _client.Send(HttpMethod.Patch, "/user", """{"description": "one", "description": "two"}""", key))
            .IsError(HttpStatusCode.BadRequest, "JSON");
        var space = (await _client.CreateSpace(key))["id"]!.ToString();
        (await _client.Send(HttpMethod.Post, "/operations", $$$"""[{"name": "updateSpace", "body": {"id": "{{{space}}}", "id": "other", "name": "x"}}]""", key))
            .IsError(HttpStatusCode.BadRequest, "JSON");
        Assert.Equal(before, (await _client.Get("/user", key)).Text);
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_answered_with_its_own_status()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new BreakingStream(new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest));

        var (_, error) = await JsonBody.Read(http.Request, JsonBody.MaxBytes);

        http.RequestServices = api.Host.Services;
        http.Response.Body = new MemoryStream();
        await error!.ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
    }

    [Theory]
    [InlineData("""{"message": "joinSpaceRoom", "space": "a string"}""")]
    [InlineData("""{"message": "joinSpaceRoom", "space": [1]}""")]
    [InlineData("""{"message": "joinSpaceRoom", "space": {"id": "\udfff"}}""")]
    [InlineData("""{"message": "\ud800"}""")]
    public async Task A_room_message_the_server_cannot_read_is_dropped_and_the_socket_still_joins(string message)
    {
        var key = await _client.NewUserKey();
        var space = (await _client.CreateSpace(key, "open"))["id"]!.ToString();
        await using var socket = await RoomSocket.Connect(api.Host.Server);

        await socket.SendText(message);
        await socket.Join(space);
    }

    private sealed class BreakingStream(Exception failure) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw failure;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw failure;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
