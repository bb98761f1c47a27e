using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// The few Kinopio HTTP routes the cluster tests use, on one Api front end. The address is asked
/// for each request: a front end the harness had to start again on another port (its own was
/// taken) is still the one this client talks to.
/// </summary>
internal sealed class KinopioClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Func<Uri> baseAddress;

    public KinopioClient(Func<Uri> baseAddress, int connections)
    {
        this.baseAddress = baseAddress;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        // Longer than Orleans' 30 s response timeout: a request is answered by the Api, not cut off by us.
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(45) };
    }

    public async Task<SignedUpUser> SignUpAsync(string email, string password, string? id = null)
    {
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = password };
        if (id is not null)
            body["id"] = id;
        using var response = await http.PostAsJsonAsync(Url("/user/sign-up"), body);
        var user = await ReadAsync(response, HttpStatusCode.Created, "sign-up");
        return new SignedUpUser(user.GetProperty("id").GetString()!, email, password, user.GetProperty("apiKey").GetString()!) { Json = user };
    }

    public async Task<JsonElement> SignInAsync(string email, string password)
    {
        using var response = await http.PostAsJsonAsync(Url("/user/sign-in"), new { email, password });
        return await ReadAsync(response, HttpStatusCode.OK, "sign-in");
    }

    public async Task<JsonElement> GetUserAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/user"));
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await http.SendAsync(request);
        return await ReadAsync(response, HttpStatusCode.OK, "GET /user");
    }

    public async Task<JsonElement> GetPublicUserAsync(string userId)
    {
        using var response = await http.GetAsync(Url($"/user/public/{Uri.EscapeDataString(userId)}"));
        return await ReadAsync(response, HttpStatusCode.OK, $"GET /user/public/{userId}");
    }

    /// <summary>PATCH /user {"description": …}; answers the status code (the body is not needed).</summary>
    public async Task<HttpStatusCode> PatchDescriptionAsync(string apiKey, string description, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url("/user")) { Content = JsonContent.Create(new { description }) };
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>GET <paramref name="path"/> with the apiKey (if any); answers whatever came back.</summary>
    public async Task<Answer> GetAsync(string path, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        if (apiKey is not null)
            request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await http.SendAsync(request);
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
        return new Answer(response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Any request with a JSON body written as text; answers whatever came back.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string json, string? apiKey, string? spaceKey = null)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (apiKey is not null)
            request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        if (spaceKey is not null)
            request.Headers.TryAddWithoutValidation("Space-Authorization", spaceKey);
        using var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, null, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var response = await http.GetAsync(Url(path));
        return response.StatusCode;
    }

    /// <summary>POST /space; answers the new space's id.</summary>
    public async Task<string> CreateSpaceAsync(string apiKey, string name, string privacy)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/space")) { Content = JsonContent.Create(new { name, privacy }) };
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await http.SendAsync(request);
        return (await ReadAsync(response, HttpStatusCode.Created, "POST /space")).GetProperty("id").GetString()!;
    }

    /// <summary>GET /user/current-public-spaces (no apiKey): the users present in open spaces.</summary>
    public async Task<JsonElement> GetCurrentPublicSpacesAsync()
    {
        using var response = await http.GetAsync(Url("/user/current-public-spaces"));
        return await ReadAsync(response, HttpStatusCode.OK, "GET /user/current-public-spaces");
    }

    public void Dispose() => http.Dispose();

    private Uri Url(string path) => new(baseAddress(), path);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode} instead of {(int)expected}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal sealed record SignedUpUser(string Id, string Email, string Password, string ApiKey)
{
    /// <summary>The private user the sign-up answered.</summary>
    public JsonElement Json { get; init; }
}

/// <summary>An HTTP answer as it came: status, the Retry-After header (null when absent) and the body.</summary>
internal sealed record Answer(HttpStatusCode Status, string? RetryAfter, string Body);
