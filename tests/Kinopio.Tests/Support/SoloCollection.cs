namespace Kinopio.Tests.Support;

/// <summary>
/// Tests that read process-wide listeners (metrics: every meter named <c>Kinopio</c> in the process reaches
/// every meter provider) run alone, after the parallel ones, so their counts are exactly their own requests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
