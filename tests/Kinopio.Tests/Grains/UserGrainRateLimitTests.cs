using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Users;
using Kinopio.Tests.Support;
using Orleans.Core.Internal;

namespace Kinopio.Tests.Grains;

/// <summary>The UserGrain's own bucket, with the default limits: every request of the user takes one token in the call that serves it.</summary>
[Collection(RateLimitedGrainCluster.Name)]
public sealed class UserGrainRateLimitTests(RateLimitedGrainCluster cluster)
{

    [Fact]
    public async Task State_survives_deactivation_while_the_bucket_starts_full_again()
    {
        var (grain, _, key) = await cluster.SignUp();
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
        var (grain, _, key) = await cluster.SignUp();
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
        var (first, _, firstKey) = await cluster.SignUp();
        var (second, _, secondKey) = await cluster.SignUp();
        while ((await first.Admit(firstKey)) is null) { }

        Assert.Null(await second.Admit(secondKey));
    }
}
