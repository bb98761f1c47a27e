using Kinopio.Grains.Accounts;
using Microsoft.Extensions.Configuration;

namespace Kinopio.Tests.Accounts;

public class PasswordHasherTests
{
    [Fact]
    public void The_default_count_is_100000_with_or_without_configuration()
    {
        Assert.Equal(100_000, new PasswordHasher().Iterations);
        Assert.Equal(100_000, PasswordHasher.From(new ConfigurationBuilder().Build()).Iterations);
        Assert.StartsWith("pbkdf2-sha512$100000$", new PasswordHasher().Hash("correct horse"));
    }

    [Fact]
    public void A_hash_made_with_a_lower_count_verifies_and_keeps_its_count()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PasswordHasher.IterationsKey] = "1000" })
            .Build();
        var hasher = PasswordHasher.From(configuration);

        var hash = hasher.Hash("correct horse");

        Assert.Equal(1000, hasher.Iterations);
        Assert.StartsWith("pbkdf2-sha512$1000$", hash);
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("wrong horse", hash));
    }

    [Fact]
    public void A_count_that_is_not_positive_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(0));
}
