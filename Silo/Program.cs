using Kinopio.Grains.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.UseKinopio(builder.Configuration));
builder.Build().Run();
