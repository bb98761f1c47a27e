using MimeKit;

namespace Kinopio.Api.Mail;

/// <summary>The email with a reset link: <c>&lt;ClientUrl&gt;/reset-password?apiKey=&lt;token&gt;</c>, as the 2020 client reads it.</summary>
public static class PasswordResetLetter
{
    public static MimeMessage Compose(string from, string clientUrl, string to, string token)
    {
        var link = $"{clientUrl.TrimEnd('/')}/reset-password?apiKey={Uri.EscapeDataString(token)}";
        var message = new MimeMessage { Subject = "Reset your Kinopio password" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Someone, hopefully you, asked to reset the password of your Kinopio account.
                Open this link within an hour to choose a new one:

                {link}

                If you did not ask for it, ignore this email: your password stays as it is.
                """,
        };
        return message;
    }
}
