namespace Kinopio.Grains.Hosting;

public static class KinopioStorage
{
    /// <summary>The name of the one grain storage every Kinopio grain uses.</summary>
    public const string Name = "kinopio";

    /// <summary>Cluster mode: the ADO.NET storage on PostgreSQL, which grains reach through <see cref="Storage.WholeKeyGrainStorage"/>.</summary>
    public const string PostgresName = "kinopio-postgres";
}
