using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>The UserGrain's own bucket, with the default limits: every request of the user takes one token in the call that serves it.</summary>
[Collection(RateLimitedGrainCluster.Name)]
public sealed class UserGrainRateLimitTests(RateLimitedGrainCluster cluster)
{
    private async Task<(IUserGrain Grain, PrivateUser User, ApiCredential Key)> SignUp()
    {
        var grain = cluster.Grains.GetGrain<IUserGrain>(Ids.New());
        var user = (await grain.SignUp(UserGrainTests.NewAccount())).Value!;
        return (grain, user, ApiCredential.FromApiKey(user.ApiKey));
    }

    [Fact]
    public async Task State_survives_deactivation_while_the_bucket_starts_full_again()
    {
        var (grain, _, key) = await SignUp();
        await grain.UpdateUser(key, new UserPatch { Description = "kept" });
        while ((await grain.Admit(key)) is null) { }

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var reloaded = await grain.GetUser(key);
        Assert.Null(reloaded.Problem);
        Assert.Equal("kept", reloaded.Value!.Description);
    }

    [Fact]
    public async Task Every_request_takes_one_token_and_the_sixth_in_a_second_is_refused()
    {
        var (grain, _, key) = await SignUp();
        for (var i = 0; i < 5; i++)
            Assert.Null((await grain.GetUser(key)).Problem);

        var refused = await grain.UpdateUser(key, new UserPatch { Description = "never applied" });
        Assert.Equal(ProblemKind.RateLimited, refused.Problem?.Kind);
        Assert.Equal(30, refused.Problem!.RetryAfterSeconds);

        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("", (await grain.GetUser(key)).Value!.Description);
    }

    [Fact]
    public async Task Users_have_buckets_of_their_own()
    {
        var (first, _, firstKey) = await SignUp();
        var (second, _, secondKey) = await SignUp();
        while ((await first.Admit(firstKey)) is null) { }

        Assert.Null(await second.Admit(secondKey));
    }
}
