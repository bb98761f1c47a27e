namespace Kinopio.Cluster.Tests.Infrastructure;

/// <summary>
/// A fresh folder under the temp directory for one cluster (PostgreSQL data, process logs), open to
/// the postgres user; removed afterwards unless KINOPIO_KEEP_TEST_FILES=1.
/// </summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("kinopio-cluster-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KINOPIO_KEEP_TEST_FILES") == "1")
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file open for a moment; the temp folder is cleaned eventually.
        }
    }
}
