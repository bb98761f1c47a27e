using System.Reflection;

namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>Where the build put the Silo and Api this test project references (paths recorded at build time).</summary>
internal static class BuiltOutput
{
    public static string SiloDll => Find("SiloDll");
    public static string ApiDll => Find("ApiDll");

    private static string Find(string key)
    {
        var recorded = typeof(BuiltOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value!;
        var path = Path.GetFullPath(recorded);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build tests/Cluster.Tests (it builds Silo and Api) first.", path);
        return path;
    }
}
