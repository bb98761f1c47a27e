using MailKit.Security;

namespace Kinopio.Api.Mail;

/// <summary>Configuration section <c>Smtp</c>. Without a <see cref="Host"/> emails are written to the outbox instead.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;

    /// <summary>Signs in to the server when set.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }
    public string From { get; set; } = "Kinopio <noreply@kinopio.local>";

    /// <summary>
    /// How long one step of a send (connecting, each command, the message) may take before the send fails;
    /// MailKit's own default is 2 minutes, and one silent server would hold every reset queued behind it.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Unset: <see cref="SmtpSecurity.SslOnConnect"/> on port 465, <see cref="SmtpSecurity.StartTls"/> on any other.</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>
    /// <see cref="Security"/> in MailKit's terms. Never <c>Auto</c> or <c>StartTlsWhenAvailable</c>: they go on
    /// in cleartext when the server does not offer STARTTLS, or an attacker strips it from the answer.
    /// </summary>
    public SecureSocketOptions SocketOptions => (Security ?? (Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls)) switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        var other => throw new InvalidOperationException($"Smtp:Security is {other}, none of StartTls, SslOnConnect, None"),
    };
}
