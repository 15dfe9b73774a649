using Vidnova.Kernel;

namespace Vidnova.Tests.Restoration;

public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("067 123 45 67", "+380671234567")]
    [InlineData("+38 (067) 123-45-67", "+380671234567")]
    [InlineData("380671234567", "+380671234567")]
    public void Phone_InUsualSpellings_IsNormalised(string typed, string expected)
    {
        Assert.True(ContactDetails.TryNormaliseUkrainianPhone(typed, out var phone));
        Assert.Equal(expected, phone);
    }

    [Theory]
    [InlineData("067 123 45 6")]
    [InlineData("+1 555 123 4567")]
    [InlineData("067-123-45-67 ext 5")]
    public void Phone_NotUkrainian_IsRejected(string typed) =>
        Assert.False(ContactDetails.TryNormaliseUkrainianPhone(typed, out _));

    [Theory]
    [InlineData("taras@example.com")]
    [InlineData("t.shevchenko+vidnova@ukr.net")]
    public void Email_PlainAddress_IsAccepted(string typed) =>
        Assert.True(ContactDetails.TryNormaliseEmail(typed, out _));

    [Theory]
    [InlineData("taras@example")]
    [InlineData("Taras <taras@example.com>")]
    [InlineData("taras example.com")]
    [InlineData("")]
    public void Email_Malformed_IsRejected(string typed) =>
        Assert.False(ContactDetails.TryNormaliseEmail(typed, out _));
}
