using Kinopio.Api.Auth;
using Kinopio.Api.Endpoints;
using Kinopio.Api.Http;
using Kinopio.Api.Mail;
using Kinopio.Api.Observability;
using Kinopio.Api.Realtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Kinopio.Grains.Hosting;
using Kinopio.Grains.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using System.Net;

namespace Kinopio.Api;

/// <summary>How the Api process is put together: Orleans (embedded silo or cluster client), JSON, CORS, metrics, the request log, the gate, the routes.</summary>
public static class KinopioApi
{
    public static WebApplicationBuilder AddKinopio(this WebApplicationBuilder builder)
    {
        OperatorEndpoints.CheckDashboard(builder.Configuration);
        var settings = KinopioSettings.From(builder.Configuration);
        if (settings.IsCluster)
            builder.UseOrleansClient(client => client.UseKinopio(builder.Configuration));
        else
            builder.UseOrleans(silo => silo.UseKinopio(builder.Configuration));

        builder.Services.Configure<LimitOptions>(builder.Configuration.GetSection(LimitOptions.Section));
        // The largest body a route takes (the batch routes'); every other route reads at most 1 MiB itself.
        var limits = builder.Configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new LimitOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Math.Max(JsonBody.MaxBytes, limits.MaxBatchBytes));
        builder.Services.ConfigureHttpJsonOptions(json => KinopioJson.Configure(json.SerializerOptions));
        builder.Services.AddKinopioMetrics(builder.Configuration);
        builder.Services.AddReferenceDocument();
        builder.Services.Configure<KeyCacheOptions>(builder.Configuration.GetSection(KeyCacheOptions.Section));
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddKinopioMail(builder.Configuration);
        builder.Services.TryAddKeyedSingleton(KinopioClock.Key, TimeProvider.System);
        builder.Services.Configure<RealtimeOptions>(builder.Configuration.GetSection(RealtimeOptions.Section));
        builder.Services.AddSingleton<RoomHub>();
        builder.Services.AddSingleton<SocketCounts>();
        builder.Services.AddHostedService<RoomRenewal>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .AllowAnyMethod()
            .WithHeaders("Authorization", "Content-Type", "Cache-Control", "Space-Authorization", "User-Id")));
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.ForwardLimit = null;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in builder.Configuration.GetSection("RateLimit:TrustedProxies").Get<string[]>() ?? [])
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return builder;
    }

    public static WebApplication UseKinopio(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            StartupLog.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kinopio.Api"), "Api", app.Configuration, app.Urls));
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler(failure => failure.Run(WriteFailure));
        app.UseStatusCodePages(pages => Respond.Write(pages.HttpContext, pages.HttpContext.Response.StatusCode,
            ReasonPhrases(pages.HttpContext.Response.StatusCode)));
        // ASP.NET Core believes X-Forwarded-For from anyone when no proxy is named: use it only when one is.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(45) });
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<RequestPipeline>();
        app.MapRootApi();
        app.MapAccountApi();
        app.MapPasswordApi();
        app.MapUserApi();
        app.MapSpaceApi();
        app.MapContentApi();
        app.MapOperationApi();
        app.MapCollaboratorApi();
        app.MapReferenceApi();
        app.MapOperatorApi(app.Configuration);
        return app;
    }

    /// <summary>An exception is never a bad request of the client's: answer 503 (try again) with the JSON body, and log it.</summary>
    private static Task WriteFailure(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
            return Respond.Write(http, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body is larger than 1 MiB" : "bad request");
        return Respond.Write(http, StatusCodes.Status503ServiceUnavailable, "the server could not complete the request, try again");
    }

    private static string ReasonPhrases(int status) => status switch
    {
        StatusCodes.Status404NotFound => "no such route",
        StatusCodes.Status405MethodNotAllowed => "method not allowed on this route",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
