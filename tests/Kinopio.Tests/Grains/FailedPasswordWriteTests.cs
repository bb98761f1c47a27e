using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Grains;

/// <summary>A password change whose write fails changes nothing: the old password works and the reset token stays alive.</summary>
[Collection(FailingWritesCluster.Name)]
public sealed class FailedPasswordWriteTests(FailingWritesCluster cluster)
{
    [Fact]
    public async Task A_reset_whose_write_fails_keeps_the_password_and_the_token()
    {
        var (user, profile, _) = await cluster.SignUp();
        var token = ResetCredential.FromToken((await user.IssueResetToken(profile.Email))!)!;

        using (FailingWritesCluster.FailWritesOf(user))
            await Assert.ThrowsAnyAsync<Exception>(() => user.ResetPassword(token, "battery staple"));

        Assert.NotNull((await user.CheckPassword("correct horse")).Value);
        Assert.Null((await user.CheckPassword("battery staple")).Value);
        Assert.Null(await user.CheckResetToken(token));
    }
}
