using Kinopio.Grains.Hosting;

namespace Kinopio.Api.Mail;

public static class MailServices
{
    /// <summary>SMTP when <c>Smtp:Host</c> is set, else the outbox folder beside the data file; and the reset mailer.</summary>
    public static IServiceCollection AddKinopioMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.Section);
        services.Configure<SmtpOptions>(section);
        if (string.IsNullOrWhiteSpace(section[nameof(SmtpOptions.Host)]))
        {
            var outbox = KinopioSettings.From(configuration).OutboxPath;
            services.AddSingleton<IMailSender>(provider => new OutboxMailSender(outbox, provider.GetRequiredService<ILogger<OutboxMailSender>>()));
        }
        else
            services.AddSingleton<IMailSender, SmtpMailSender>();

        services.AddSingleton<PasswordResetMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<PasswordResetMailer>());
        return services;
    }
}
