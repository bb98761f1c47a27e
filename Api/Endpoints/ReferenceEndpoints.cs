using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §1.1: <c>GET /openapi/v1.json</c>, the OpenAPI document of every route, and
/// <c>GET /docs</c>, a plain HTML reference page listing them (the one HTML answer of the API).
/// </summary>
public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/docs", (EndpointDataSource endpoints) => Results.Content(Page(endpoints), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }

    private static string Page(EndpointDataSource endpoints)
    {
        var routes = endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(route => route.Metadata.GetMetadata<HttpMethodMetadata>() is not null && route.Order == 0)
            .SelectMany(route => route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method, Path: "/" + route.RoutePattern.RawText?.Trim('/'))))
            .Where(route => !route.Path.StartsWith("/openapi") && route.Path != "/docs")
            .Distinct()
            .OrderBy(route => route.Path, StringComparer.Ordinal)
            .ThenBy(route => route.Method, StringComparer.Ordinal);

        var html = new StringBuilder("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Kinopio API</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:48rem}code{background:#f3eef6;padding:0 .3em}td{padding:.2em 1em .2em 0}</style>
            </head><body>
            <h1>Kinopio API</h1>
            <p>Authenticate with your <code>apiKey</code> in the <code>Authorization</code> header (or <code>?apiKey=</code>).
            5 requests per second, then <code>429</code> for 30 seconds. The realtime room protocol is a WebSocket at <code>/</code>.
            Machine-readable: <a href="/openapi/v1.json"><code>/openapi/v1.json</code></a>.</p>
            <table>
            """);
        foreach (var (method, path) in routes)
            html.Append($"<tr><td><code>{method}</code></td><td><code>{WebUtility.HtmlEncode(path)}</code></td></tr>\n");
        return html.Append("</table></body></html>\n").ToString();
    }
}
