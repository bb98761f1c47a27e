using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinopio.Tests.Support;

/// <summary>A test's view of the HTTP API: plain requests, JSON bodies, and a signed-up user in one call.</summary>
public sealed class KinopioClient(HttpClient http)
{
    public HttpClient Http => http;

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>Any request: a body (an object as JSON, or JSON text), the apiKey, a client address, a space's collaborator key.</summary>
    public async Task<Answer> Send(HttpMethod method, string path, object? body = null, string? apiKey = null, string? clientAddress = null, string? spaceKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = body as HttpContent ?? new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (apiKey is not null)
            request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        if (clientAddress is not null)
            request.Headers.Add("X-Forwarded-For", clientAddress);
        if (spaceKey is not null)
            request.Headers.TryAddWithoutValidation("Space-Authorization", spaceKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType,
            response.Headers.CacheControl?.ToString());
    }

    public Task<Answer> Get(string path, string? apiKey = null) => Send(HttpMethod.Get, path, apiKey: apiKey);

    /// <summary>Signs up a new user and answers its private user (with <c>apiKey</c>).</summary>
    public async Task<JsonObject> SignUp(object? body = null, string? clientAddress = null)
    {
        var answer = await Send(HttpMethod.Post, "/user/sign-up", body ?? new { email = NewEmail(), password = "correct horse" }, clientAddress: clientAddress);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.AsObject();
    }

    /// <summary>Signs up a new user and answers its apiKey.</summary>
    public async Task<string> NewUserKey(string? clientAddress = null) => (await SignUp(clientAddress: clientAddress))["apiKey"]!.ToString();

    /// <summary>Signs up a new user: its apiKey and its id.</summary>
    public async Task<(string Key, string Id)> NewUser()
    {
        var user = await SignUp();
        return (user["apiKey"]!.ToString(), user["id"]!.ToString());
    }

    /// <summary>A space's collaborator key, as a member reads it (contract §9.1).</summary>
    public async Task<string> CollaboratorKey(string spaceId, string memberKey)
    {
        var answer = await Send(HttpMethod.Get, $"/space/{spaceId}/collaborator-key", apiKey: memberKey);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.GetValue<string>();
    }

    /// <summary>Joins a space as the 2020 client does with an invite: <c>PATCH /space/collaborator</c> with the key in <c>Space-Authorization</c>.</summary>
    public Task<Answer> JoinSpace(string spaceId, string apiKey, string? spaceKey) =>
        Send(HttpMethod.Patch, "/space/collaborator", $$"""{"spaceId":"{{spaceId}}"}""", apiKey, spaceKey: spaceKey);

    /// <summary>Signs up a new user with one space of its own: its apiKey, its id and the space's id.</summary>
    public async Task<(string Key, string UserId, string SpaceId)> SignUpWithSpace(string privacy = "closed")
    {
        var user = await SignUp();
        var key = user["apiKey"]!.ToString();
        return (key, user["id"]!.ToString(), (await CreateSpace(key, privacy))["id"]!.ToString());
    }

    /// <summary>Creates one space and answers it.</summary>
    public async Task<JsonObject> CreateSpace(string apiKey, string privacy = "closed", string? name = null)
    {
        var answer = await Send(HttpMethod.Post, "/space", new { name = name ?? $"space {Guid.NewGuid():N}", privacy }, apiKey);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.AsObject();
    }

    /// <summary>The ids in a JSON array of users or spaces.</summary>
    public static string[] IdsOf(JsonNode? list) => list!.AsArray().Select(item => item!["id"]!.ToString()).ToArray();
}

public sealed record Answer(HttpStatusCode Status, string Text, TimeSpan? RetryAfter, string? MediaType, string? CacheControl = null)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("empty body");
    public string? this[string name] => Json[name]?.ToString();

    /// <summary>
    /// Asserts the contract's error body: JSON with the status, a message that names
    /// <paramref name="mentions"/>, and the type the contract gives that status.
    /// </summary>
    public Answer IsError(HttpStatusCode status, string? mentions = null) => IsError(status, mentions, status switch
    {
        HttpStatusCode.Conflict => "unique violation",
        HttpStatusCode.TooManyRequests => "rate limited",
        _ => null,
    });

    /// <summary>The same, with the <c>type</c> the answer must carry (null: none).</summary>
    public Answer IsError(HttpStatusCode status, string? mentions, string? type)
    {
        Assert.True(status == Status, $"expected {(int)status}, got {(int)Status}: {Text}");
        Assert.Equal("application/json", MediaType);
        Assert.Equal((int)status, Json["status"]!.GetValue<int>());
        if (mentions is not null)
            Assert.Contains(mentions, Json["message"]!.GetValue<string>());
        Assert.Equal(type, Json["type"]?.GetValue<string>());
        return this;
    }
}
