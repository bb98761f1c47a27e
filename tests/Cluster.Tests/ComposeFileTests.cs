using System.Diagnostics;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>Docker does not run here: the compose file is checked by docker-compose's own validator.</summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    [DockerComposeFact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", "config", "--quiet"])
        {
            WorkingDirectory = BuiltOutput.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"docker-compose config failed: {await errors}");
        output.WriteLine("docker-compose -f docker-compose.yml config: accepted");
    }
}

/// <summary>Runs only where docker-compose is installed (Debian: apt-get install -y docker-compose).</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "docker-compose")));
        if (!onPath)
            Skip = "docker-compose not installed (Debian: apt-get install -y docker-compose): the compose file was not validated.";
    }
}
