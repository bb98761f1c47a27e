namespace Kinopio.Grains.Hosting;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the grain's state and writes it; if the write fails, memory goes
    /// back to what storage holds, so a failed request leaves nothing half-applied.
    /// </summary>
    public static async Task Save<T>(this IPersistentState<T> state, T next)
    {
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }
}
