namespace Kinopio.Tests.Support;

/// <summary>The embedded default: no SMTP server, emails written to <c>outbox/</c> beside a data file in a folder of its own.</summary>
public sealed class OutboxMailingApi() : MailingApi(Path.Combine(Path.GetTempPath(), "kinopio-tests", $"outbox-{Guid.NewGuid():N}", "kinopio.db"))
{
    public override MailFolder Mail => new(Path.Combine(Path.GetDirectoryName(Host.DatabasePath)!, "outbox"));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();
}
