using System.Reflection;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>Where the repository and the Silo and Api this test project references are (paths recorded at build time).</summary>
internal static class BuiltOutput
{
    public static string SiloDll => Find("SiloDll");
    public static string ApiDll => Find("ApiDll");
    public static string RepositoryRoot => Recorded("RepositoryRoot");

    private static string Find(string key)
    {
        var path = Recorded(key);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build tests/Cluster.Tests (it builds Silo and Api) first.", path);
        return path;
    }

    private static string Recorded(string key) => Path.GetFullPath(typeof(BuiltOutput).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!);
}
