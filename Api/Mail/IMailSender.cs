using MimeKit;

namespace Kinopio.Api.Mail;

/// <summary>Where the server's emails go: an SMTP server, or the outbox folder when none is configured.</summary>
public interface IMailSender
{
    Task Send(MimeMessage message, CancellationToken cancellation);
}
