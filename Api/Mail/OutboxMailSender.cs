using MimeKit;

namespace Kinopio.Api.Mail;

/// <summary>
/// The embedded default: each email becomes an <c>.eml</c> file in the outbox folder, written under a
/// temporary name and then renamed, so a reader never sees half a message. The log names the file only.
/// </summary>
public sealed class OutboxMailSender(string directory, ILogger<OutboxMailSender> log) : IMailSender
{
    public async Task Send(MimeMessage message, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}.eml";
        var writing = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(writing, cancellation);
        File.Move(writing, Path.Combine(directory, name));
        log.LogInformation("Wrote an email to the outbox: {File}", name);
    }
}
