using System.Threading.Channels;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;
using Microsoft.Extensions.Options;

namespace Kinopio.Api.Mail;

/// <summary>
/// Sends reset emails after the request was answered, one at a time in the order asked: the answer
/// to <c>POST /user/reset-password</c> takes the same time whether the email is known or not, and
/// never waits for the mail server. For a known email the user's grain issues a token, which goes
/// into the email and nowhere else (never a log line). Requests still queued when the process stops are lost.
/// </summary>
public sealed class PasswordResetMailer(
    IGrainFactory grains,
    IMailSender mail,
    IOptions<SmtpOptions> smtp,
    IConfiguration configuration,
    ILogger<PasswordResetMailer> log) : BackgroundService
{
    private readonly Channel<string> _emails = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly string _clientUrl = KinopioSettings.From(configuration).ClientUrl;

    /// <summary>Queues a reset email to a normalized email address; nothing is sent when no user has it.</summary>
    public void Enqueue(string email)
    {
        if (!_emails.Writer.TryWrite(email))
            log.LogWarning("The password reset queue is full: a request was dropped");
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await foreach (var email in _emails.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await Send(email, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogError(e, "Could not send a password reset email");
            }
        }
    }

    private async Task Send(string email, CancellationToken cancellation)
    {
        if (await grains.GetGrain<IEmailGrain>(email).GetOwner() is not { } userId
            || await grains.GetGrain<IUserGrain>(userId).IssueResetToken(email) is not { } token)
            return;
        await mail.Send(PasswordResetLetter.Compose(smtp.Value.From, _clientUrl, email, token), cancellation);
        log.LogInformation("Sent a password reset email");
    }
}
