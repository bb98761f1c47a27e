using Kinopio.Grains.Storage;
using MimeKit;

namespace Kinopio.Api.Mail;

/// <summary>
/// The embedded default: each email becomes an <c>.eml</c> file in the outbox folder, written under a
/// temporary name and then renamed, so a reader never sees half a message. The emails hold live reset
/// links: the folder is private and so is each file from its first byte (<see cref="PrivateFiles"/>),
/// since in a cluster nothing else makes the data folder private. The log names the file only.
/// </summary>
public sealed class OutboxMailSender(string directory, ILogger<OutboxMailSender> log) : IMailSender
{
    public async Task Send(MimeMessage message, CancellationToken cancellation)
    {
        PrivateFiles.EnsureFolder(directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}.eml";
        var writing = Path.Combine(directory, name + ".tmp");
        await using (var file = PrivateFiles.Create(writing))
            await message.WriteToAsync(file, cancellation);
        File.Move(writing, Path.Combine(directory, name));
        log.LogInformation("Wrote an email to the outbox: {File}", name);
    }
}
