using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Grains;

[Collection(GrainCluster.Name)]
public sealed class UserGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_signed_up_user_answers_its_own_key_and_refuses_others()
    {
        var (grain, user, key) = await cluster.SignUp();

        Assert.Equal(user, (await grain.GetUser(key)).Value);
        Assert.Equal(ProblemKind.Unauthorized, (await grain.GetUser(ApiCredential.FromApiKey(Guid.NewGuid().ToString()))).Problem?.Kind);
        Assert.Equal(grain.GetPrimaryKeyString(), await cluster.Grains.GetGrain<IApiKeyGrain>(key.KeyHash).GetUserId());
    }

    [Fact]
    public async Task Parallel_sign_ups_for_one_email_have_exactly_one_winner()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            cluster.Grains.GetGrain<IUserGrain>(Ids.New()).SignUp(new SignUpRequest { Email = email, Password = "correct horse" })));

        Assert.Single(outcomes, outcome => outcome.Problem is null);
        Assert.All(outcomes.Where(outcome => outcome.Problem is not null), outcome => Assert.Equal(ProblemKind.Conflict, outcome.Problem!.Kind));
    }

    [Fact]
    public async Task A_claim_left_by_a_user_that_never_came_to_be_does_not_lock_the_email()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.True(await cluster.Grains.GetGrain<IEmailGrain>(email).Claim("crashed-mid-sign-up"));

        var (_, user, _) = await cluster.SignUp(email);
        Assert.Equal(user.Id, await cluster.Grains.GetGrain<IEmailGrain>(email).GetOwner());
    }

    [Fact]
    public async Task A_claim_held_by_a_real_user_is_refused()
    {
        var (_, user, _) = await cluster.SignUp();
        Assert.False(await cluster.Grains.GetGrain<IUserNameGrain>(user.Name.ToLowerInvariant()).Claim("someone-else"));
        Assert.False(await cluster.Grains.GetGrain<IEmailGrain>(user.Email).Claim("someone-else"));
    }

    [Fact]
    public async Task A_sign_up_without_a_name_gets_a_free_one_from_its_email()
    {
        var local = $"ann{Guid.NewGuid():N}"[..12];
        var (_, first, _) = await cluster.SignUp($"{local}@example.com");
        var (_, second, _) = await cluster.SignUp($"{local}@example.org");

        Assert.Equal(local, first.Name);
        Assert.StartsWith($"{local}-", second.Name);
        Assert.True(UserLimits.IsValidName(second.Name));
    }

    [Fact]
    public async Task Ten_failed_sign_ins_lock_the_email_for_the_rest_of_fifteen_minutes()
    {
        var (_, user, _) = await cluster.SignUp();
        var door = cluster.Grains.GetGrain<IEmailGrain>(user.Email);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ProblemKind.Unauthorized, (await door.SignIn("wrong password")).Problem?.Kind);
            cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var locked = await door.SignIn("correct horse");
        Assert.Equal(ProblemKind.RateLimited, locked.Problem?.Kind);
        Assert.Equal(15 * 60 - 100, locked.Problem!.RetryAfterSeconds);

        cluster.Clock.Advance(TimeSpan.FromSeconds(15 * 60 - 100));
        Assert.Equal(user.Id, (await door.SignIn("correct horse")).Value?.Id);
    }
}
