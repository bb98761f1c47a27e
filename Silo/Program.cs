using Kinopio.Grains.Hosting;
using Kinopio.Grains.Hosting.Postgres;
using Kinopio.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A cluster silo: membership and grain state in PostgreSQL. One process alone is the Api's
// embedded mode, so without a connection string there is nothing sensible to run.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
var settings = KinopioSettings.From(builder.Configuration);
if (!settings.IsCluster)
{
    Console.Error.WriteLine(
        "Kinopio.Silo runs only as part of a PostgreSQL cluster: set ConnectionStrings__Postgres " +
        "(e.g. \"Host=127.0.0.1;Port=5432;Database=kinopio;Username=kinopio;Password=...\"). " +
        "For a single process without PostgreSQL, run the Api alone (embedded mode): dotnet run --project Api");
    return 2;
}

var host = SiloHost.Build(args, builder);

if (settings.ApplySchemaOnStart)
{
    await PostgresSchema.ApplyAsync(settings.PostgresConnectionString!);
    host.Services.GetRequiredService<ILogger<Program>>().LogInformation(
        "PostgreSQL schema applied: {Migrations}", string.Join(", ", PostgresSchema.Migrations.Select(m => m.Name)));
}

await host.RunAsync();
return 0;
