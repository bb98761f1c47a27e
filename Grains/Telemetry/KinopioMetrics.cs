using System.Diagnostics.Metrics;
using Kinopio.Grains.Interfaces;

namespace Kinopio.Grains.Telemetry;

/// <summary>
/// Every instrument of our own, on the meter <c>Kinopio</c>: the Api records requests, sign-ups,
/// operations, sockets and relayed room messages; the grains record the 429s they make; the SQLite
/// store its grouped commits. Prometheus names: <c>.</c> becomes <c>_</c>, counters end in <c>_total</c>.
/// </summary>
public sealed class KinopioMetrics
{
    public const string MeterName = "Kinopio";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _signUps;
    private readonly Counter<long> _operations;
    private readonly UpDownCounter<long> _openSockets;
    private readonly Counter<long> _roomMessages;
    private readonly Histogram<int> _commitWrites;
    private readonly Histogram<double> _commitDuration;

    public KinopioMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("kinopio.requests", "{request}", "HTTP requests answered, by route template and status");
        _rateLimited = meter.CreateCounter<long>("kinopio.rate_limited", "{request}", "429 answers, by the limit that refused: user, address, sign-in, password-reset");
        _signUps = meter.CreateCounter<long>("kinopio.sign_ups", "{user}", "Accounts created");
        _operations = meter.CreateCounter<long>("kinopio.operations", "{operation}", "Operations of POST /operations, by name and outcome (applied, refused)");
        _openSockets = meter.CreateUpDownCounter<long>("kinopio.websockets.open", "{socket}", "WebSockets open on this front end");
        _roomMessages = meter.CreateCounter<long>("kinopio.room.messages", "{message}", "Room messages relayed from a socket of this front end");
        _commitWrites = meter.CreateHistogram<int>("kinopio.storage.commit.writes", "{write}", "Writes per grouped SQLite commit",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _commitDuration = meter.CreateHistogram<double>("kinopio.storage.commit.duration", "s", "Time of one grouped SQLite commit, fsync included",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1] });
    }

    /// <param name="route">The route template (<c>/space/{spaceId}</c>), never the path itself: no ids in labels.</param>
    public void Request(string route, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("http.route", route), new KeyValuePair<string, object?>("http.response.status_code", status));

    /// <summary>Counts <paramref name="refusal"/> (a limit's 429, or null when it let the request pass) and hands it on.</summary>
    public Problem? RateLimited(Problem? refusal, RateLimitReason reason)
    {
        if (refusal is not null)
            _rateLimited.Add(1, new KeyValuePair<string, object?>("reason", reason.Label));
        return refusal;
    }

    public void SignedUp() => _signUps.Add(1);

    /// <summary>One operation of a <c>POST /operations</c> batch, applied or refused.</summary>
    public void Operation(string name, bool applied) =>
        _operations.Add(1, new KeyValuePair<string, object?>("name", name), new KeyValuePair<string, object?>("outcome", applied ? "applied" : "refused"));

    public void SocketOpened() => _openSockets.Add(1);

    public void SocketClosed() => _openSockets.Add(-1);

    public void RoomMessageRelayed() => _roomMessages.Add(1);

    /// <summary>Subscribed to <c>SqliteDatabase.Committed</c>.</summary>
    public void Committed(int writes, TimeSpan took)
    {
        _commitWrites.Record(writes);
        _commitDuration.Record(took.TotalSeconds);
    }
}
