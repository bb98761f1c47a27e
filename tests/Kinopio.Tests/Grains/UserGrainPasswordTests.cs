using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Grains;

/// <summary>Reset tokens and password changes in the UserGrain, and the reset requests the EmailGrain counts.</summary>
[Collection(GrainCluster.Name)]
public sealed class UserGrainPasswordTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_reset_token_is_issued_for_the_users_own_email_only_and_is_no_api_key()
    {
        var (grain, user, _) = await cluster.SignUp();

        Assert.Null(await grain.IssueResetToken($"{Guid.NewGuid():N}@example.com"));
        var token = (await grain.IssueResetToken(user.Email))!;

        Assert.False(Guid.TryParse(token, out _));
        var credential = ResetCredential.FromToken(token)!;
        Assert.Equal(user.Id, credential.UserId);
        Assert.Null(await grain.CheckResetToken(credential));
        Assert.Null(await cluster.Grains.GetGrain<IApiKeyGrain>(ApiCredential.FromApiKey(token).KeyHash).GetUserId());
    }

    [Fact]
    public async Task A_token_works_once_and_ends_every_other_token_of_the_user()
    {
        var (grain, user, key) = await cluster.SignUp();
        var first = ResetCredential.FromToken((await grain.IssueResetToken(user.Email))!)!;
        var second = ResetCredential.FromToken((await grain.IssueResetToken(user.Email))!)!;

        var reset = await grain.ResetPassword(second, "battery staple");
        Assert.Null(reset.Problem);
        Assert.Null(reset.Value!.ApiKey);

        Assert.Equal(Problem.InvalidResetToken, (await grain.ResetPassword(second, "another one")).Problem);
        Assert.Equal(Problem.InvalidResetToken, await grain.CheckResetToken(first));
        Assert.NotNull((await grain.CheckPassword("battery staple")).Value);
        Assert.Null((await grain.GetUser(key)).Problem);
    }

    [Fact]
    public async Task Another_users_token_or_an_expired_one_is_refused()
    {
        var (grain, user, _) = await cluster.SignUp();
        var (other, otherUser, _) = await cluster.SignUp();
        var token = ResetCredential.FromToken((await grain.IssueResetToken(user.Email))!)!;
        var othersToken = ResetCredential.FromToken((await other.IssueResetToken(otherUser.Email))!)!;

        Assert.Equal(Problem.InvalidResetToken, (await grain.ResetPassword(othersToken, "battery staple")).Problem);
        Assert.Equal(Problem.InvalidResetToken, (await grain.ResetPassword(othersToken with { UserId = user.Id }, "battery staple")).Problem);

        cluster.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Problem.InvalidResetToken, (await grain.ResetPassword(token, "battery staple")).Problem);
        Assert.NotNull((await grain.CheckPassword("correct horse")).Value);
    }

    [Fact]
    public async Task An_email_admits_three_reset_requests_per_hour()
    {
        var email = cluster.Grains.GetGrain<IEmailGrain>($"{Guid.NewGuid():N}@example.com");
        for (var i = 0; i < 3; i++)
            Assert.Null(await email.AdmitPasswordReset());

        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(Problem.RateLimited(TimeSpan.FromMinutes(30)), await email.AdmitPasswordReset());
        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(await email.AdmitPasswordReset());
    }
}
