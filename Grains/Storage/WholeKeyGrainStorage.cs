using Orleans.Storage;

namespace Kinopio.Grains.Storage;

/// <summary>
/// Hands the ADO.NET grain storage every grain key as one opaque string. Orleans'
/// <c>AdoNetGrainStorage</c> stores a string key that parses as hexadecimal ("a", "0A", "abc123",
/// "ab+c@d") as an integer key, and one shaped like a GUID as a GUID, so distinct keys such as
/// "abc123", "0abc123" and "ABC123" would share one row: one user would read another's state.
/// With a prefix that is not a hex digit no key parses as a number or GUID, so each key is kept
/// whole (in <c>GrainIdExtensionString</c>) and has its own row.
/// </summary>
public sealed class WholeKeyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private const string Prefix = "s:";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Whole(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Whole(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Whole(grainId), grainState);

    private static GrainId Whole(GrainId grainId) => GrainId.Create(grainId.Type, Prefix + grainId.Key);
}
