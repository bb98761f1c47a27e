using Kinopio.Grains.Interfaces;
using Kinopio.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Grains;

/// <summary>Contract §3: 5 per second, then a 30-second block, then a full bucket.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly TokenBucket _bucket;

    public TokenBucketTests() => _bucket = new TokenBucket(new RateLimitOptions(), _clock);

    private void TakeAll(int count)
    {
        for (var i = 0; i < count; i++)
            Assert.Null(_bucket.TryTake());
    }

    [Fact]
    public void Five_requests_pass_and_the_sixth_in_the_same_second_is_refused_for_30_seconds()
    {
        TakeAll(5);
        var refused = _bucket.TryTake();
        Assert.Equal(ProblemKind.RateLimited, refused?.Kind);
        Assert.Equal(30, refused!.RetryAfterSeconds);
    }

    [Fact]
    public void The_block_lasts_exactly_30_seconds_and_requests_during_it_do_not_extend_it()
    {
        TakeAll(5);
        Assert.NotNull(_bucket.TryTake());
        for (var second = 1; second < 30; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(30 - second, _bucket.TryTake()?.RetryAfterSeconds);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, _bucket.TryTake()?.RetryAfterSeconds);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        TakeAll(5);
    }

    [Fact]
    public void The_bucket_refills_at_five_per_second()
    {
        TakeAll(5);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        TakeAll(1);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        TakeAll(3);
        Assert.NotNull(_bucket.TryTake());
    }

    [Fact]
    public void A_steady_client_at_four_per_second_is_never_refused()
    {
        for (var i = 0; i < 400; i++)
        {
            Assert.Null(_bucket.TryTake());
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    [Fact]
    public void The_limits_come_from_configuration()
    {
        var bucket = new TokenBucket(new RateLimitOptions { PermitsPerSecond = 2, BlockSeconds = 7 }, _clock);
        Assert.Null(bucket.TryTake());
        Assert.Null(bucket.TryTake());
        Assert.Equal(7, bucket.TryTake()?.RetryAfterSeconds);
    }
}
