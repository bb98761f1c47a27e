namespace Kinopio.Tests.Support;

/// <summary>The Api sending through the SMTP server process with <c>Smtp:Security</c> unset: on its port that requires STARTTLS, which aiosmtpd does not offer.</summary>
public sealed class DefaultSecuritySmtpMailingApi() : SmtpMailingApi(security: null);
