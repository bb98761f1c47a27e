using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace Kinopio.Tests.Support;

/// <summary>
/// A folder of delivered emails, one file each: a maildir's <c>new/</c> or the server's outbox.
/// Files are moved in whole, so every file read is a complete message.
/// </summary>
public sealed partial class MailFolder(string directory)
{
    private const string TokenParameter = "?apiKey=";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public string Directory => directory;

    public IReadOnlyList<MimeMessage> MessagesTo(string recipient) =>
        (System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory) : [])
            .Where(file => !file.EndsWith(".tmp"))
            .Order()
            .Select(file => MimeMessage.Load(file))
            .Where(message => message.To.Mailboxes.Any(to => to.Address == recipient))
            .ToList();

    /// <summary>Runs <paramref name="send"/>, then waits (polling, at most 15 s) for the one new message to the recipient it caused.</summary>
    public async Task<MimeMessage> NextMessageTo(string recipient, Func<Task> send)
    {
        var seen = MessagesTo(recipient).Select(message => message.MessageId).ToHashSet();
        await send();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var arrived = MessagesTo(recipient).Where(message => !seen.Contains(message.MessageId)).ToList();
            if (arrived.Count > 0)
                return Assert.Single(arrived);
            if (waited.Elapsed > Patience)
                throw new TimeoutException($"no message to {recipient} arrived in {directory} within {Patience.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>The reset link of a message, which must hold exactly one.</summary>
    public static string ResetLinkIn(MimeMessage message) => Assert.Single(ResetLink().Matches(message.TextBody ?? "")).Value;

    /// <summary>The token of a message's reset link: its <c>apiKey</c> parameter.</summary>
    public static string ResetTokenIn(MimeMessage message)
    {
        var link = ResetLinkIn(message);
        return Uri.UnescapeDataString(link[(link.IndexOf(TokenParameter) + TokenParameter.Length)..]);
    }

    [GeneratedRegex(@"\S+/reset-password\?apiKey=\S+")]
    private static partial Regex ResetLink();
}
