using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §10 without an SMTP server (the embedded default): reset emails become .eml files in outbox/ beside the data file.</summary>
public sealed class PasswordOutboxTests(OutboxMailingApi api) : IClassFixture<OutboxMailingApi>
{
    private readonly KinopioClient _client = new(api.Server.CreateClient());

    [Fact]
    public async Task A_reset_email_is_written_to_the_outbox_with_a_working_link_and_the_log_says_so_without_it()
    {
        var email = (await _client.SignUp())["email"]!.ToString();

        var message = await api.Mail.NextMessageTo(email, () => _client.Send(HttpMethod.Post, "/user/reset-password", new { email }));

        Assert.Single(Directory.GetFiles(api.Mail.Directory, "*.eml"));
        Assert.StartsWith("http://kinopio.local:8080/reset-password?apiKey=", MailFolder.ResetLinkIn(message));
        var token = MailFolder.ResetTokenIn(message);
        var updated = await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = "battery staple" }, token);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Contains(api.Logs.Lines, line => line.Contains("Wrote an email to the outbox"));
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(token) || line.Contains("reset-password?apiKey"));
    }
}
