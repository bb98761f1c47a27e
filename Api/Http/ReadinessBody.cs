namespace Kinopio.Api.Http;

/// <summary>
/// The answer of <c>GET /health/ready</c>: the status body plus one entry per dependency,
/// <c>"ok"</c> or <c>"failed: …"</c> (<c>cluster</c>: a silo answers; <c>storage</c>: the store reads).
/// </summary>
public sealed record ReadinessBody(int Status, string Message, IReadOnlyDictionary<string, string> Checks);
