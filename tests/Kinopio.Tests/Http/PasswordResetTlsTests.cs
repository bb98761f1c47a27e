using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>
/// Reset links never travel in cleartext unless asked for: by default the Api requires STARTTLS on
/// any port but 465, so a server that does not offer it (or an attacker who strips it) gets no email.
/// </summary>
public sealed class PasswordResetTlsTests(DefaultSecuritySmtpMailingApi strict, SmtpMailingApi plain)
    : IClassFixture<DefaultSecuritySmtpMailingApi>, IClassFixture<SmtpMailingApi>
{
    [Fact]
    public async Task By_default_a_server_without_STARTTLS_gets_no_email_and_the_failure_is_logged()
    {
        var client = new KinopioClient(strict.Server.CreateClient());
        var email = (await client.SignUp())["email"]!.ToString();

        Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Post, "/user/reset-password", new { email })).Status);

        await Poll.Until(() => Task.FromResult(strict.Logs.Lines.Any(line => line.Contains("Could not send a password reset email"))), "the failure's log line");
        var failure = Assert.Single(strict.Logs.Lines, line => line.Contains("Could not send a password reset email"));
        Assert.Contains("System.NotSupportedException: The SMTP server does not support the STARTTLS extension.", failure);
        Assert.Empty(strict.Mail.MessagesTo(email));
        Assert.DoesNotContain(strict.Logs.Lines, line => line.Contains("Sent a password reset email"));
    }

    [Fact]
    public async Task With_security_None_the_email_is_delivered_without_TLS()
    {
        var client = new KinopioClient(plain.Server.CreateClient());
        var email = (await client.SignUp())["email"]!.ToString();

        var message = await plain.Mail.NextMessageTo(email, () => client.Send(HttpMethod.Post, "/user/reset-password", new { email }));

        Assert.StartsWith($"{SmtpMailingApi.ClientUrl}reset-password?apiKey=", MailFolder.ResetLinkIn(message));
    }
}
