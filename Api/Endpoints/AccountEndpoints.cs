using Kinopio.Api.Http;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

/// <summary>Sign-up and sign-in: anonymous routes, rate limited by the gate per client address.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/sign-up", SignUp);
        app.MapPost("/user/sign-in", SignIn);
        return app;
    }

    private static async Task<IResult> SignUp(HttpRequest request, IGrainFactory grains)
    {
        var (signUp, error) = await JsonBody.Read(request, SignUpReader.Read);
        if (error is not null)
            return error;
        var outcome = await grains.GetGrain<IUserGrain>(signUp!.UserId).SignUp(signUp.Request);
        return Respond.From(outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> SignIn(HttpRequest request, IGrainFactory grains)
    {
        var (signIn, error) = await JsonBody.Read(request, SignInReader.Read);
        if (error is not null)
            return error;
        var email = UniqueValue.Email(signIn!.Email).Value;
        return Respond.From(await grains.GetGrain<IEmailGrain>(email).SignIn(signIn.Password));
    }
}
