using System.Text.Json.Serialization;
using System.Diagnostics.CodeAnalysis;
using Kinopio.Grains.Interfaces.Content;

namespace Kinopio.Grains.Interfaces.Spaces;

/// <summary><c>GET /space/:spaceId</c> (contract §7.2): the summary and its content, each in the order first stored; removed cards included.</summary>
[GenerateSerializer, Immutable, Alias("Kinopio.FullSpace")]
public sealed record FullSpace : SpaceSummary
{
    public FullSpace()
    {
    }

    [SetsRequiredMembers]
    public FullSpace(SpaceSummary summary) : base(summary)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public IReadOnlyList<Card> Cards { get; init; } = [];
    [Id(1), JsonPropertyOrder(1)] public IReadOnlyList<Connection> Connections { get; init; } = [];
    [Id(2), JsonPropertyOrder(1)] public IReadOnlyList<ConnectionType> ConnectionTypes { get; init; } = [];
}
