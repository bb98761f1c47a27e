using System.Diagnostics;
using Kinopio.Cluster.Tests.Infrastructure;

namespace Kinopio.Cluster.Tests;

/// <summary>
/// Docker does not run here: the compose file is checked by docker-compose's own validator, with the
/// env file an operator starts from (<c>.env.example</c>) and with none: the password is not in the file.
/// </summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    [DockerComposeFact]
    public async Task Docker_compose_accepts_the_compose_file_with_the_example_env_file()
    {
        var (exitCode, errors) = await ConfigAsync(Path.Combine(BuiltOutput.RepositoryRoot, ".env.example"));

        Assert.True(exitCode == 0, $"docker-compose config failed: {errors}");
        output.WriteLine("docker-compose --env-file .env.example -f docker-compose.yml config: accepted");
    }

    [DockerComposeFact]
    public async Task Docker_compose_refuses_the_compose_file_without_a_postgres_password()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var (exitCode, errors) = await ConfigAsync(empty);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("POSTGRES_PASSWORD", errors);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    private static async Task<(int ExitCode, string Errors)> ConfigAsync(string envFile)
    {
        var start = new ProcessStartInfo("docker-compose", ["--env-file", envFile, "-f", "docker-compose.yml", "config", "--quiet"])
        {
            WorkingDirectory = BuiltOutput.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("POSTGRES_PASSWORD");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await errors);
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
