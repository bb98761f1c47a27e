using System.Diagnostics;

namespace Kinopio.Tests.Support;

/// <summary>Waits for something another grain does on its own (a one-way call) by asking until a deadline: never a timing assertion.</summary>
public static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, string what = "the condition")
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{what} did not come true within 10 s");
            await Task.Delay(20);
        }
    }
}
