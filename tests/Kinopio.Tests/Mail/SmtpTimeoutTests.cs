using System.Net;
using System.Net.Sockets;
using Kinopio.Api.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kinopio.Tests.Mail;

/// <summary>A mail server that never answers fails the send after <c>Smtp:TimeoutSeconds</c>, instead of holding every reset behind it.</summary>
public sealed class SmtpTimeoutTests
{
    [Fact]
    public async Task A_server_that_never_answers_fails_the_send_with_a_timeout()
    {
        // The kernel completes the connection in the listener's backlog; nobody ever reads or writes on it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(),
            ["Smtp:TimeoutSeconds"] = "1",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddKinopioMail(configuration).BuildServiceProvider();
        var sender = services.GetRequiredService<IMailSender>();
        var message = PasswordResetLetter.Compose("Kinopio <noreply@kinopio.local>", "https://kinopio.example", "ann@example.com", "a.token");

        // Only a guard against hanging on MailKit's 2 minute default: cancelled, the send throws OperationCanceledException instead.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<TimeoutException>(() => sender.Send(message, guard.Token));
    }
}
