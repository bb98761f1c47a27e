namespace Kinopio.Tests.Support;

/// <summary>The Api sending through a real SMTP server process, with a client address of its own for the links.</summary>
public sealed class SmtpMailingApi() : MailingApi(ApiHost.NewDatabasePath())
{
    public const string ClientUrl = "https://kinopio.example/";

    public SmtpServer Smtp { get; } = new();
    public override MailFolder Mail => Smtp.Inbox;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(),
        ["Kinopio:ClientUrl"] = ClientUrl,
    };

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
