namespace Kinopio.Grains.Hosting;

public static class KinopioStorage
{
    /// <summary>The name of the one grain storage every Kinopio grain uses.</summary>
    public const string Name = "kinopio";
}
