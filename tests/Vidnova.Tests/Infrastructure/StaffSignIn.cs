using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vidnova.Hosting;
using Vidnova.Staff;

namespace Vidnova.Tests.Infrastructure;

/// <summary>Staff accounts for tests, and a cookie-holding client signed in through the sign-in form, as a person would.</summary>
public static partial class StaffSignIn
{
    public const string Password = "secret-password";

    public static Task AddStaffAsync(this VidnovaApp app, string email, string role = StaffRoles.Operator, string password = Password) =>
        app.InDatabaseAsync(db =>
        {
            db.Add(app.Services.GetRequiredService<StaffPasswords>().NewUser(email, email.Split('@')[0], role, password));
            return db.SaveChangesAsync();
        });

    public static async Task<HttpClient> SignInStaffAsync(this VidnovaApp app, string email, string password = Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/backoffice/sign-in");
        var response = await client.PostAsync("/backoffice/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string AntiforgeryTokenIn(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
