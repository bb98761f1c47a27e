namespace Kinopio.Tests.Support;

/// <summary>
/// The Api sending through a real SMTP server process, with a client address of its own for the links.
/// aiosmtpd offers no STARTTLS, so this Api opts out of TLS with <c>Smtp:Security=None</c>.
/// </summary>
public class SmtpMailingApi : MailingApi
{
    public const string ClientUrl = "https://kinopio.example/";

    private readonly string? _security;

    public SmtpMailingApi() : this("None")
    {
    }

    /// <summary>With <paramref name="security"/> null the Api leaves <c>Smtp:Security</c> unset, at its default.</summary>
    protected SmtpMailingApi(string? security) : base(ApiHost.NewDatabasePath()) => _security = security;

    public SmtpServer Smtp { get; } = new();
    public override MailFolder Mail => Smtp.Inbox;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = Smtp.Port.ToString(),
                ["Kinopio:ClientUrl"] = ClientUrl,
            };
            if (_security is not null)
                settings["Smtp:Security"] = _security;
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await Smtp.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
