using System.Net;
using Kinopio.Tests.Support;

namespace Kinopio.Tests.Http;

/// <summary>Contract §4.2: POST /user/sign-up, POST /user/sign-in, DELETE /user/permanent.</summary>
[Collection(SharedApi.Name)]
public sealed class AccountTests(SharedApi api)
{
    private readonly KinopioClient _client = new(api.Host.CreateClient());

    [Fact]
    public async Task Sign_up_answers_201_with_the_private_user_and_a_new_api_key()
    {
        var email = KinopioClient.NewEmail();
        var answer = await _client.Send(HttpMethod.Post, "/user/sign-up", new { email, password = "correct horse" });

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.True(Guid.TryParse(answer["apiKey"], out _));
        Assert.Equal(email, answer["email"]);
        Assert.Equal(21, answer["id"]!.Length);
        Assert.False(string.IsNullOrEmpty(answer["name"]));
        Assert.Null(answer.Json["password"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", answer["createdAt"]);
    }

    [Fact]
    public async Task Sign_up_keeps_the_clients_id_and_name_and_ignores_read_only_and_unknown_attributes()
    {
        var id = $"local-{Guid.NewGuid():N}";
        var name = $"ann-{Guid.NewGuid():N}"[..20];
        var user = await _client.SignUp(new
        {
            id, name, email = KinopioClient.NewEmail(), password = "correct horse",
            color = "#c9a0e1", apiKey = "mine", isUpgraded = true, cardsCreatedCount = 99, somethingNew = 1,
        });

        Assert.Equal(id, user["id"]!.ToString());
        Assert.Equal(name, user["name"]!.ToString());
        Assert.Equal("#c9a0e1", user["color"]!.ToString());
        Assert.NotEqual("mine", user["apiKey"]!.ToString());
        Assert.False(user["isUpgraded"]!.GetValue<bool>());
        Assert.Equal(0, user["cardsCreatedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sign_up_with_an_empty_id_generates_one()
    {
        var user = await _client.SignUp(new { id = "", email = KinopioClient.NewEmail(), password = "correct horse" });
        Assert.Equal(21, user["id"]!.ToString().Length);
    }

    [Fact]
    public async Task A_taken_email_id_or_name_is_a_409_unique_violation_whatever_its_case()
    {
        var first = await _client.SignUp();
        var email = first["email"]!.ToString();

        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { email = email.ToUpperInvariant(), password = "correct horse" }))
            .IsError(HttpStatusCode.Conflict, "email");
        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { id = first["id"]!.ToString(), email = KinopioClient.NewEmail(), password = "correct horse" }))
            .IsError(HttpStatusCode.Conflict, "id");
        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { name = first["name"]!.ToString().ToUpperInvariant(), email = KinopioClient.NewEmail(), password = "correct horse" }))
            .IsError(HttpStatusCode.Conflict, "name");
    }

    [Fact]
    public async Task A_failed_sign_up_does_not_keep_the_email_it_claimed()
    {
        var taken = await _client.SignUp();
        var email = KinopioClient.NewEmail();
        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { email, name = taken["name"]!.ToString(), password = "correct horse" }))
            .IsError(HttpStatusCode.Conflict, "name");

        await _client.SignUp(new { email, password = "correct horse" });
    }

    [Theory]
    [InlineData("""{"password":"correct horse"}""", "email")]
    [InlineData("""{"email":"not-an-email","password":"correct horse"}""", "email")]
    [InlineData("""{"email":42,"password":"correct horse"}""", "email")]
    [InlineData("""{"email":"a@example.com"}""", "password")]
    [InlineData("""{"email":"a@example.com","password":"short"}""", "password")]
    [InlineData("""{"email":"a@example.com","password":"correct horse","name":"no spaces allowed"}""", "name")]
    [InlineData("""{"email":"a@example.com","password":"correct horse","id":"bad/id"}""", "id")]
    [InlineData("""{"email":"a@example.com","password":"correct horse","color":7}""", "color")]
    [InlineData("""["email"]""", "body")]
    public async Task Sign_up_with_bad_input_is_a_400_naming_the_field(string body, string field) =>
        (await _client.Send(HttpMethod.Post, "/user/sign-up", body)).IsError(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Sign_in_answers_the_private_user_with_its_api_key()
    {
        var user = await _client.SignUp();
        var answer = await _client.Send(HttpMethod.Post, "/user/sign-in",
            new { email = user["email"]!.ToString().ToUpperInvariant(), password = "correct horse" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(user["apiKey"]!.ToString(), answer["apiKey"]);
        Assert.Equal(user["id"]!.ToString(), answer["id"]);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var user = await _client.SignUp();
        var wrongPassword = (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email = user["email"]!.ToString(), password = "wrong password" }))
            .IsError(HttpStatusCode.Unauthorized);
        var unknownEmail = (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email = KinopioClient.NewEmail(), password = "correct horse" }))
            .IsError(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.Text, unknownEmail.Text);
    }

    [Fact]
    public async Task Sign_in_without_a_password_is_a_400()
    {
        (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email = KinopioClient.NewEmail() }))
            .IsError(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Deleting_the_account_stops_its_key_at_once_and_frees_its_email_and_name()
    {
        var user = await _client.SignUp();
        var key = user["apiKey"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/user", key)).Status);

        var deleted = await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: key);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(200, deleted.Json["status"]!.GetValue<int>());

        (await _client.Get("/user", key)).IsError(HttpStatusCode.Unauthorized);
        (await _client.Get($"/user/public/{user["id"]}")).IsError(HttpStatusCode.NotFound);
        (await _client.Send(HttpMethod.Post, "/user/sign-in", new { email = user["email"]!.ToString(), password = "correct horse" }))
            .IsError(HttpStatusCode.Unauthorized);
        await _client.SignUp(new { email = user["email"]!.ToString(), name = user["name"]!.ToString(), password = "correct horse" });
    }

    [Fact]
    public async Task A_deleted_users_key_is_no_key_on_routes_that_do_not_need_one()
    {
        var key = await _client.NewUserKey();
        var space = (await _client.CreateSpace(await _client.NewUserKey(), "open"))["id"]!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{space}", key)).Status);

        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: key);

        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"/space/{space}", key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/", key)).Status);
        (await _client.Get("/user", key)).IsError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Many_parallel_sign_ups_for_one_email_make_exactly_one_account()
    {
        var email = KinopioClient.NewEmail();
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            _client.Send(HttpMethod.Post, "/user/sign-up", new { email, password = "correct horse" })));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.Created),
            answer => answer.IsError(HttpStatusCode.Conflict, "email"));
    }

    [Fact]
    public async Task Many_parallel_sign_ups_for_one_name_make_exactly_one_account()
    {
        var name = $"n{Guid.NewGuid():N}"[..16];
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            _client.Send(HttpMethod.Post, "/user/sign-up", new { email = KinopioClient.NewEmail(), name, password = "correct horse" })));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_id_of_a_deleted_account_is_never_given_to_a_new_one()
    {
        var id = $"gone-{Guid.NewGuid():N}"[..20];
        var user = await _client.SignUp(new { email = KinopioClient.NewEmail(), password = "correct horse", id });
        await _client.Send(HttpMethod.Delete, "/user/permanent", apiKey: user["apiKey"]!.ToString());

        (await _client.Send(HttpMethod.Post, "/user/sign-up", new { email = KinopioClient.NewEmail(), password = "correct horse", id }))
            .IsError(HttpStatusCode.Conflict, "id");
    }
}
