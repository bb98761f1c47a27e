using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>
/// Contract §10: POST /user/reset-password and PATCH /user/update-password, with every email going
/// through a real SMTP server process and each token read from the message it delivered.
/// </summary>
public sealed class PasswordResetTests(SmtpMailingApi api) : IClassFixture<SmtpMailingApi>
{
    private const string OldPassword = "correct horse";
    private const string NewPassword = "battery staple";

    private readonly KinopioClient _client = new(api.Server.CreateClient());

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_every_other_token()
    {
        var email = await SignUpEmail();
        var message = await api.Mail.NextMessageTo(email, () => RequestReset(email));
        Assert.StartsWith($"{SmtpMailingApi.ClientUrl}reset-password?apiKey=", MailFolder.ResetLinkIn(message));
        var first = MailFolder.ResetTokenIn(message);
        var second = await ResetToken(email);

        var updated = await UpdatePassword(second, NewPassword);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(email, updated["email"]);
        Assert.Null(updated.Json["apiKey"]);

        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, NewPassword)).Status);
        (await SignIn(email, OldPassword)).IsError(HttpStatusCode.Unauthorized);
        (await UpdatePassword(second, "another password")).IsError(HttpStatusCode.Unauthorized, "reset token");
        (await UpdatePassword(first, "another password")).IsError(HttpStatusCode.Unauthorized, "reset token");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, NewPassword)).Status);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_known_one_and_no_email()
    {
        var known = await SignUpEmail();
        var unknown = KinopioClient.NewEmail();

        var unknownAnswer = await RequestReset(unknown);
        Answer? knownAnswer = null;
        // Emails go out one at a time in the order asked: once the later one arrived, the earlier had its turn.
        await api.Mail.NextMessageTo(known, async () => knownAnswer = await RequestReset(known));

        Assert.Equal(HttpStatusCode.OK, unknownAnswer.Status);
        Assert.Equal(200, unknownAnswer.Json["status"]!.GetValue<int>());
        Assert.Equal(knownAnswer!.Status, unknownAnswer.Status);
        Assert.Equal(knownAnswer.Text, unknownAnswer.Text);
        Assert.Empty(api.Mail.MessagesTo(unknown));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_fourth_request_for_an_email_within_an_hour_is_a_429_until_the_hour_has_passed(bool known)
    {
        var email = known ? await SignUpEmail() : KinopioClient.NewEmail();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await RequestReset(email)).Status);

        var refused = (await RequestReset(email.ToUpperInvariant())).IsError(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await RequestReset(KinopioClient.NewEmail())).Status);

        api.Host.Clock.Advance(TimeSpan.FromMinutes(59));
        (await RequestReset(email)).IsError(HttpStatusCode.TooManyRequests);
        api.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await RequestReset(email)).Status);
    }

    [Fact]
    public async Task A_reset_token_is_no_api_key_on_other_routes()
    {
        var email = await SignUpEmail();
        var token = await ResetToken(email);

        (await _client.Get("/user", token)).IsError(HttpStatusCode.Unauthorized);
        (await _client.Send(HttpMethod.Patch, "/user", new { description = "mine now" }, token)).IsError(HttpStatusCode.Unauthorized);
        (await _client.Send(HttpMethod.Get, $"/user?apiKey={Uri.EscapeDataString(token)}")).IsError(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await UpdatePassword(token, NewPassword)).Status);
    }

    [Fact]
    public async Task A_reset_token_works_for_an_hour_only()
    {
        var email = await SignUpEmail();
        var token = await ResetToken(email);

        api.Host.Clock.Advance(TimeSpan.FromHours(1));

        (await UpdatePassword(token, NewPassword)).IsError(HttpStatusCode.Unauthorized, "reset token");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, OldPassword)).Status);
    }

    [Fact]
    public async Task Update_password_with_the_api_key_keeps_the_api_key_and_ends_reset_tokens()
    {
        var email = await SignUpEmail();
        var apiKey = (await SignIn(email, OldPassword))["apiKey"]!;
        var token = await ResetToken(email);

        var updated = await UpdatePassword(apiKey, NewPassword);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Null(updated.Json["apiKey"]);

        Assert.Equal(apiKey, (await SignIn(email, NewPassword))["apiKey"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", apiKey)).Status);
        (await SignIn(email, OldPassword)).IsError(HttpStatusCode.Unauthorized);
        (await UpdatePassword(token, "another password")).IsError(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"password":"short"}""")]
    [InlineData("""{"password":7}""")]
    [InlineData("""{"pass":"correct horse"}""")]
    [InlineData("""{"password":"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"}""")]
    public async Task A_bad_password_is_a_400_naming_it_and_spends_no_token(string body)
    {
        var email = await SignUpEmail();
        var apiKey = (await SignIn(email, OldPassword))["apiKey"]!;
        var token = await ResetToken(email);

        (await _client.Send(HttpMethod.Patch, "/user/update-password", body, apiKey)).IsError(HttpStatusCode.BadRequest, "password");
        (await _client.Send(HttpMethod.Patch, "/user/update-password", body, token)).IsError(HttpStatusCode.BadRequest, "password");

        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, OldPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await UpdatePassword(token, NewPassword)).Status);
    }

    [Fact]
    public async Task Update_password_without_a_live_key_or_token_is_a_401_before_the_body_is_judged()
    {
        var email = await SignUpEmail();
        var userId = (await SignIn(email, OldPassword))["id"]!;
        var forged = $"{userId}.{new string('A', 43)}";

        foreach (var key in new string?[] { null, Guid.NewGuid().ToString(), forged, "not a token" })
        {
            (await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = NewPassword }, key)).IsError(HttpStatusCode.Unauthorized);
            (await _client.Send(HttpMethod.Patch, "/user/update-password", new { password = "short" }, key)).IsError(HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, (await SignIn(email, OldPassword)).Status);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"email":"not-an-email"}""")]
    [InlineData("""{"email":42}""")]
    [InlineData("""["email"]""")]
    public async Task A_reset_request_without_an_email_is_a_400_naming_it(string body) =>
        (await _client.Send(HttpMethod.Post, "/user/reset-password", body)).IsError(HttpStatusCode.BadRequest, body.StartsWith('[') ? "body" : "email");

    [Fact]
    public async Task No_log_line_holds_a_reset_token_or_link()
    {
        var email = await SignUpEmail();
        var token = await ResetToken(email);
        Assert.Equal(HttpStatusCode.OK, (await UpdatePassword(token, NewPassword)).Status);
        (await UpdatePassword(token, NewPassword)).IsError(HttpStatusCode.Unauthorized);

        Assert.Contains(api.Logs.Lines, line => line.Contains("Sent a password reset email"));
        Assert.Contains(api.Logs.Lines, line => line.Contains("/user/update-password"));
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(token) || line.Contains(token.Split('.')[1]));
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("reset-password?apiKey"));
    }

    private async Task<string> SignUpEmail() =>
        (await _client.SignUp(new { email = KinopioClient.NewEmail(), password = OldPassword }))["email"]!.ToString();

    private Task<Answer> RequestReset(string email) => _client.Send(HttpMethod.Post, "/user/reset-password", new { email });

    /// <summary>Asks for a reset link and answers the token of the email it brought.</summary>
    private async Task<string> ResetToken(string email)
    {
        var message = await api.Mail.NextMessageTo(email, async () => Assert.Equal(HttpStatusCode.OK, (await RequestReset(email)).Status));
        return MailFolder.ResetTokenIn(message);
    }

    private Task<Answer> UpdatePassword(string key, string password) =>
        _client.Send(HttpMethod.Patch, "/user/update-password", new { password }, key);

    private Task<Answer> SignIn(string email, string password) =>
        _client.Send(HttpMethod.Post, "/user/sign-in", new { email, password });
}
