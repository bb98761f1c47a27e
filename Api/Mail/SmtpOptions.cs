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

    /// <summary>TLS as the port implies: 465 is TLS from the first byte; any other port upgrades with STARTTLS when the server offers it.</summary>
    public SecureSocketOptions Security => Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.Auto;
}
