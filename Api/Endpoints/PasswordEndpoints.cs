using Kinopio.Api.Auth;
using Kinopio.Api.Http;
using Kinopio.Api.Mail;
using Kinopio.Api.Requests;
using Kinopio.Grains.Interfaces;
using Kinopio.Grains.Interfaces.Accounts;
using Kinopio.Grains.Interfaces.Users;

namespace Kinopio.Api.Endpoints;

/// <summary>
/// Contract §10: a reset link by email, and a new password set with the link's token or with the apiKey.
/// A reset token is not an apiKey (the gate sees no key and admits the request by client address), so it
/// works here and nowhere else.
/// </summary>
public static class PasswordEndpoints
{
    private static readonly Done ResetRequested = new("If an account has this email, a link to reset its password is on its way");

    public static IEndpointRouteBuilder MapPasswordApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/reset-password", RequestReset).Reads(ResetRequestReader.Read);
        app.MapPatch("/user/update-password", UpdatePassword).WithMetadata(AcceptsApiKey.Optional);
        return app;
    }

    /// <summary>Answers the same for every email, known or not; the email itself is sent afterwards.</summary>
    private static async Task<IResult> RequestReset(Parsed<string> email, IGrainFactory grains, PasswordResetMailer mailer)
    {
        var key = UniqueValue.Email(email.Value).Value;
        if (await grains.GetGrain<IEmailGrain>(key).AdmitPasswordReset() is { } refused)
            return Respond.Problem(refused);
        mailer.Enqueue(key);
        return Respond.From<Done>(ResetRequested);
    }

    /// <summary>The credential is checked before the body (401 before 400), so this route reads its body itself.</summary>
    private static Task<IResult> UpdatePassword(Caller? caller, HttpRequest request, IGrainFactory grains) => caller is not null
        ? WithApiKey(caller, request)
        : WithResetToken(request, grains);

    private static async Task<IResult> WithApiKey(Caller caller, HttpRequest request)
    {
        var (password, error) = await RequestPipeline.ReadBody(request, NewPasswordReader.Read, JsonBody.MaxBytes, unadmitted: caller);
        return error ?? await caller.Send((user, key) => user.ChangePassword(key, password!));
    }

    /// <summary>The token comes where an apiKey would (the 2020 client sends it raw in <c>Authorization</c>).</summary>
    private static async Task<IResult> WithResetToken(HttpRequest request, IGrainFactory grains)
    {
        if (ApiKeyResolver.FindApiKey(request) is not { } token || ResetCredential.FromToken(token) is not { } credential)
            return Respond.Problem(Problem.InvalidResetToken);

        var user = grains.GetGrain<IUserGrain>(credential.UserId);
        var (password, error) = await RequestPipeline.ReadBody(request, NewPasswordReader.Read, JsonBody.MaxBytes, unadmitted: null);
        if (error is not null)
            return await user.CheckResetToken(credential) is { } dead ? Respond.Problem(dead) : error;
        return Respond.From(await user.ResetPassword(credential, password!));
    }
}
