using System.Net;
using System.Runtime.Versioning;
using System.Text;
using Kinopio.Grains.Storage;
using Kinopio.Grains.Users;
using Kinopio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kinopio.Tests.Storage;

/// <summary>
/// Issue 14, item 6: the embedded server stores the apiKey only encrypted, with its key ring in
/// <c>keys/</c> beside the data file; the folder and every file in it are the server user's alone.
/// </summary>
public sealed class ApiKeyAtRestTests
{
    private const string Password = "correct horse";

    private readonly string _path = ApiHost.NewDatabasePath();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private string Folder => Path.GetDirectoryName(_path)!;

    [Fact]
    public async Task The_data_files_never_hold_the_key_and_sign_in_and_GET_user_still_show_it_after_a_restart()
    {
        string email, key;
        await using (var host = new ApiHost(_path, _clock))
        {
            var client = new KinopioClient(host.CreateClient());
            var user = await client.SignUp();
            (email, key) = (user["email"]!.ToString(), user["apiKey"]!.ToString());
            Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Patch, "/user", new { description = "written again" }, key)).Status);
            AssertNoFileHolds(key);
        }
        AssertNoFileHolds(key);

        await using var again = new ApiHost(_path, _clock);
        var restarted = new KinopioClient(again.CreateClient());
        Assert.Equal(key, (await restarted.Get("/user", key))["apiKey"]);
        Assert.Equal(key, (await restarted.Send(HttpMethod.Post, "/user/sign-in", new { email, password = Password }))["apiKey"]);
    }

    [Fact, UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_and_key_ring_are_0700_and_every_file_0600()
    {
        await using var host = new ApiHost(_path, _clock);
        var client = new KinopioClient(host.CreateClient());
        var key = (await client.SignUp())["apiKey"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/user", key)).Status);

        var keys = Path.Combine(Folder, "keys");
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Folder));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(keys));
        string[] database = [_path, .. SqliteDatabase.CompanionSuffixes.Select(suffix => _path + suffix)];
        Assert.All(database, file => Assert.True(File.Exists(file), $"{file} is missing: the test looks at the wrong files"));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        Assert.All([.. database, .. keyFiles], file => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task A_record_with_the_key_in_plaintext_is_encrypted_when_its_user_comes_back()
    {
        string id, email, key;
        await using (var host = new ApiHost(_path, _clock))
        {
            var user = await new KinopioClient(host.CreateClient()).SignUp();
            (id, email, key) = (user["id"]!.ToString(), user["email"]!.ToString(), user["apiKey"]!.ToString());
        }
        await RewriteUser(id, user => user with { ProtectedApiKey = null, Account = user.Account! with { PlaintextApiKey = key } });
        Assert.True(AnyFileHolds(key), "the record from before was not written as the test meant");

        await using (var host = new ApiHost(_path, _clock))
        {
            var client = new KinopioClient(host.CreateClient());
            Assert.Equal(key, (await client.Get("/user", key))["apiKey"]);
            Assert.Equal(key, (await client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = Password }))["apiKey"]);
        }
        AssertNoFileHolds(key);
        Assert.Null((await ReadUser(id)).Account!.PlaintextApiKey);
    }

    [Fact]
    public async Task With_the_key_ring_lost_the_key_still_works_and_a_sign_in_replaces_it()
    {
        string email, lost;
        await using (var host = new ApiHost(_path, _clock))
        {
            var user = await new KinopioClient(host.CreateClient()).SignUp();
            (email, lost) = (user["email"]!.ToString(), user["apiKey"]!.ToString());
        }
        Directory.Delete(Path.Combine(Folder, "keys"), recursive: true);

        string replaced;
        await using (var host = new ApiHost(_path, _clock))
        {
            var client = new KinopioClient(host.CreateClient());
            var shown = await client.Get("/user", lost);
            Assert.Equal(HttpStatusCode.OK, shown.Status);
            Assert.Null(shown["apiKey"]);

            (await client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = "wrong horse" })).IsError(HttpStatusCode.Unauthorized);
            replaced = (await client.Send(HttpMethod.Post, "/user/sign-in", new { email, password = Password }))["apiKey"]!;
            Assert.NotEqual(lost, replaced);
            (await client.Get("/user", lost)).IsError(HttpStatusCode.Unauthorized);
            Assert.Equal(replaced, (await client.Get("/user", replaced))["apiKey"]);
        }

        await using var again = new ApiHost(_path, _clock);
        Assert.Equal(replaced, (await new KinopioClient(again.CreateClient()).Send(HttpMethod.Post, "/user/sign-in", new { email, password = Password }))["apiKey"]);
    }

    private void AssertNoFileHolds(string key)
    {
        var holding = FilesHolding(key);
        Assert.True(holding.Length == 0, $"the apiKey is in {string.Join(", ", holding)}");
    }

    private bool AnyFileHolds(string key) => FilesHolding(key).Length > 0;

    /// <summary>The files of the data folder (database, -wal, -shm, outbox, key ring) whose raw bytes contain the key, as ASCII or UTF-16.</summary>
    private string[] FilesHolding(string key) => Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Where(file =>
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(key)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(key)) >= 0;
    }).ToArray();

    private static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private static GrainId UserGrainId(string id) => GrainId.Create("user", id);

    private async Task<UserState> ReadUser(string id)
    {
        await using var database = new SqliteDatabase(_path);
        var state = new GrainState<UserState>(new UserState());
        await new SqliteGrainStorage(database, Serializer).ReadStateAsync("user", UserGrainId(id), state);
        Assert.True(state.RecordExists, $"no stored user {id}");
        return state.State!;
    }

    /// <summary>Writes the stored user as <paramref name="change"/> makes it, with the server stopped.</summary>
    private async Task RewriteUser(string id, Func<UserState, UserState> change)
    {
        await using var database = new SqliteDatabase(_path);
        var storage = new SqliteGrainStorage(database, Serializer);
        var state = new GrainState<UserState>(new UserState());
        await storage.ReadStateAsync("user", UserGrainId(id), state);
        Assert.True(state.RecordExists, $"no stored user {id}");
        state.State = change(state.State!);
        await storage.WriteStateAsync("user", UserGrainId(id), state);
    }
}
