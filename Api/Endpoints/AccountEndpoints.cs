using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Telemetry;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

/// <summary>Sign-up and sign-in: anonymous routes, rate limited by the pipeline per client address even when a key is sent.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/sign-up", SignUp).Reads(SignUpReader.Read).WithMetadata(ChargesClientAddress.Instance);
        app.MapPost("/user/sign-in", SignIn).Reads(SignInReader.Read).WithMetadata(ChargesClientAddress.Instance);
        return app;
    }

    private static async Task<IResult> SignUp(Parsed<SignUp> signUp, IGrainFactory grains, ApiKeyResolver keys, KinopioMetrics metrics)
    {
        var created = await grains.GetGrain<IUserGrain>(signUp.Value.UserId).SignUp(signUp.Value.Request);
        if (created.Value is { } user)
        {
            metrics.SignedUp();
            keys.Remember(user);
        }
        return Respond.From(created, StatusCodes.Status201Created);
    }

    private static async Task<IResult> SignIn(Parsed<SignIn> signIn, IGrainFactory grains, ApiKeyResolver keys)
    {
        var signedIn = await grains.GetGrain<IEmailGrain>(UniqueValue.Email(signIn.Value.Email).Value).SignIn(signIn.Value.Password);
        if (signedIn.Value is { } user)
            keys.Remember(user);
        return Respond.From(signedIn);
    }
}
