namespace Kinopio.Grains.Storage;

/// <summary>
/// Folders and files only the server's own user may open: folders <c>0700</c>, files <c>0600</c>.
/// The embedded data folder, its SQLite files, its key ring and the outbox of emails go through here. Nothing to do on
/// Windows, where files inherit the folder's ACL.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder when missing and makes it, new or not, private; answers its full path.</summary>
    public static string EnsureFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        Directory.CreateDirectory(full, FolderMode);
        File.SetUnixFileMode(full, FolderMode);
        return full;
    }

    /// <summary>Creates the file empty and private when missing (so that nothing ever sees it readable); makes an existing one private.</summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        File.Open(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode }).Dispose();
        File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Creates a new file, private from its first byte, to write.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>Makes a file private if it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
            File.SetUnixFileMode(path, FileMode);
    }
}
