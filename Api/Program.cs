using Kinopio.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddKinopio();

var app = builder.Build();
app.UseKinopio();
app.Run();
