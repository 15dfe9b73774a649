using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Vidnova.Localization;
using Vidnova.Problems;

namespace Vidnova.Customers;

/// <summary>
/// Identity's error sentences in the request's language — Ukrainian, or English from the resx — for the cabinet's
/// pages and for the <c>errors</c> of Identity's API alike. The codes (<c>PasswordTooShort</c>, …) stay Identity's, so
/// the app can still branch on them; only the sentences people read change.
/// </summary>
internal sealed class CustomerIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Щось пішло не так. Спробуйте ще раз.");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "Дані входу щойно змінилися в іншому вікні. Оновіть сторінку й спробуйте ще раз.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Поточний пароль невірний.");

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), "Посилання чи код недійсні або застаріли. Попросіть новий лист і відкрийте посилання з нього.");

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), "Код відновлення невірний або вже використаний.");

    public override IdentityError LoginAlreadyAssociated() =>
        Error(nameof(LoginAlreadyAssociated), "Цей спосіб входу вже прив'язано до іншого облікового запису.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "Логін «{0}» не підходить: увійдіть своїм email.", userName ?? "");

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), "«{0}» не схоже на адресу email. Перевірте, чи немає помилки.", email ?? "");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), "Email {0} уже зареєстровано. Увійдіть або відновіть пароль.", userName);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), "Email {0} уже зареєстровано. Увійдіть або відновіть пароль.", email);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Недійсна роль «{0}».", role ?? "");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "Роль «{0}» уже існує.", role);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Пароль уже встановлено.");

    public override IdentityError UserLockoutNotEnabled() =>
        Error(nameof(UserLockoutNotEnabled), "Для цього облікового запису блокування не ввімкнено.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "Роль «{0}» уже призначено.", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "Роль «{0}» не призначено.", role);

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), "Пароль закороткий: потрібно щонайменше {0} символів. Довга фраза з кількох слів — найкращий пароль.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), "У паролі має бути щонайменше {0} різних символів.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "У паролі має бути хоча б один знак, що не є літерою чи цифрою.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "У паролі має бути хоча б одна цифра.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "У паролі має бути хоча б одна мала літера.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "У паролі має бути хоча б одна велика літера.");

    private IdentityError Error(string code, string format, params object[] arguments) => new()
    {
        Code = code,
        Description = arguments.Length == 0 ? t[format].Value : string.Format(CultureInfo.CurrentUICulture, t[format].Value, arguments),
    };
}

/// <summary>
/// What a login's email must also be, beyond Identity's "one @": no longer than an address can be (RFC 5321) and its
/// column holds, and free of control characters and half surrogate pairs, which PostgreSQL would refuse with a 500 instead of a sentence.
/// </summary>
internal sealed class CustomerEmailValidator : IUserValidator<CustomerLogin>
{
    public const int MaxLength = 254;

    public Task<IdentityResult> ValidateAsync(UserManager<CustomerLogin> manager, CustomerLogin user)
    {
        var email = user.Email ?? "";
        return Task.FromResult(email.Length > MaxLength || TextLimits.HasForbiddenCharacters(email, multiLine: false)
            ? IdentityResult.Failed(manager.ErrorDescriber.InvalidEmail(email.Length > MaxLength ? email[..MaxLength] + "…" : email))
            : IdentityResult.Success);
    }
}
