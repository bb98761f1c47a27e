using Kinopio.Grains.Interfaces;
using Kinopio.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Kinopio.Tests.Grains;

/// <summary>
/// The socket caps' leases (contract §11), as the user's and the address's grains keep them: a
/// front end renews the sockets it holds, so one that died stops counting its sockets after 90 s.
/// </summary>
public sealed class SocketLeasesTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SocketLeases _leases;

    public SocketLeasesTests() => _leases = new SocketLeases(limit: 3, holder: "user", _clock);

    [Fact]
    public void Past_the_limit_a_socket_is_refused_with_429_and_retry_after_one_second()
    {
        for (var i = 0; i < 3; i++)
            Assert.Null(_leases.TryOpen($"s{i}"));

        var refused = _leases.TryOpen("s3");
        Assert.Equal(new Problem(ProblemKind.RateLimited, "At most 3 WebSockets may be open per user", 1), refused);
        Assert.Equal(3, _leases.Count);
    }

    [Fact]
    public void A_closed_socket_frees_its_place_and_a_late_renewal_does_not_bring_it_back()
    {
        OpenThree();
        _leases.Close("s0");
        _leases.Renew(["s0", "s1", "s2"]);

        Assert.Equal(2, _leases.Count);
        Assert.Null(_leases.TryOpen("s3"));
    }

    [Fact]
    public void Renewed_sockets_keep_counting_and_unrenewed_ones_stop_after_90_seconds()
    {
        OpenThree();
        _clock.Advance(TimeSpan.FromSeconds(60));
        _leases.Renew(["s0"]);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _leases.Count);
        Assert.Null(_leases.TryOpen("s3"));
        Assert.Null(_leases.TryOpen("s4"));
        Assert.NotNull(_leases.TryOpen("s5"));
    }

    private void OpenThree()
    {
        for (var i = 0; i < 3; i++)
            Assert.Null(_leases.TryOpen($"s{i}"));
    }
}
