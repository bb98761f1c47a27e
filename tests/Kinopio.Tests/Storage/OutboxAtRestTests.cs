using System.Runtime.Versioning;
using Kinopio.Grains.Storage;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Storage;

/// <summary>
/// The outbox's emails hold live reset links: the server makes the folder <c>0700</c> and every email
/// <c>0600</c> itself, whatever made the folder around it (in a cluster nothing else does).
/// </summary>
public sealed class OutboxAtRestTests(OutboxMailingApi api) : IClassFixture<OutboxMailingApi>
{
    [Fact, UnsupportedOSPlatform("windows")]
    public async Task The_outbox_folder_is_0700_and_each_email_in_it_0600()
    {
        var client = new KinopioClient(api.Server.CreateClient());
        var email = (await client.SignUp())["email"]!.ToString();

        await api.Mail.NextMessageTo(email, () => client.Send(HttpMethod.Post, "/user/reset-password", new { email }));

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(api.Mail.Directory));
        var written = Assert.Single(Directory.GetFiles(api.Mail.Directory));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(written));
    }
}
