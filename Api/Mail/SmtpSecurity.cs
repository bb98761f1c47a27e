namespace Kinopio.Api.Mail;

/// <summary>How the connection to the SMTP server is protected: setting <c>Smtp:Security</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS before anything else is sent; a server that does not offer it fails the send (the default on every port but 465).</summary>
    StartTls,

    /// <summary>TLS from the first byte (the default on port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: sign-in and reset links go in cleartext. Only for a relay the network protects, such as one on localhost.</summary>
    None,
}
