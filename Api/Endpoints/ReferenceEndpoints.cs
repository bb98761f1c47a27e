using Kinopio.Api.Reference;
using Scalar.AspNetCore;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §1.1: <c>GET /openapi/v1.json</c>, the OpenAPI document of every route, and <c>GET /docs</c>,
/// Scalar's reference page of it (the one HTML answer of the API; its script is served from here, no CDN).
/// Both are rate limited like every request (contract §3): a page load is a few requests, within a
/// bucket of five (tests/docs-check.sh loads it with the default limits).
/// </summary>
public static class ReferenceEndpoints
{
    public static IServiceCollection AddReferenceDocument(this IServiceCollection services) => services.AddOpenApi(openApi => openApi
        .AddDocumentTransformer<ReferenceDocument>()
        .AddOperationTransformer<RouteDocsTransformer>());

    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", scalar =>
        {
            scalar.Title = "Kinopio API";
            scalar.DefaultOpenAllTags = true;
            // Nothing from the internet: no web fonts, no telemetry (the script itself is served from here).
            scalar.DefaultFonts = false;
            scalar.Telemetry = false;
        });
        return app;
    }
}
