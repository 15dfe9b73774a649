using Vidnova.Kernel;

namespace Vidnova.Tests.Accounts;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("22XWATTPLUS----G")]
    [InlineData("62Z100000000001Z")]
    [InlineData("62z100000000004t")]
    public void Eic_WithCorrectCheckCharacter_IsAccepted(string text) =>
        Assert.True(Eic.TryParse(text, out _));

    [Theory]
    [InlineData("22XWATTPLUS----H")] // wrong check character
    [InlineData("62Z100000000001Y")]
    [InlineData("62Z10000000001Z")] // 15 characters
    [InlineData("62Z1000000000_1Z")] // outside the alphabet
    [InlineData("")]
    [InlineData(null)]
    public void Eic_WithWrongLengthAlphabetOrCheck_IsRejected(string? text) =>
        Assert.False(Eic.TryParse(text, out _));

    [Fact]
    public void Eic_CheckCharacterThatWouldBeADash_MakesTheCodeInvalid()
    {
        // Search the 15-character prefixes 62Z0000000000XY for one whose check would be '-' (value 36).
        var prefix = Enumerable.Range(0, 37 * 37)
            .Select(i => $"62Z0000000000{"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"[i / 37]}{"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"[i % 37]}")
            .First(p => Eic.ComputeCheckCharacter(p) is null);

        Assert.False(Eic.TryParse(prefix + "-", out _));
    }

    [Theory]
    [InlineData("UA213223130000026007233566001")]
    [InlineData("ua21 3223 1300 0002 6007 2335 6600 1")]
    public void Iban_Ukrainian_WithValidCheckDigits_IsAcceptedAndNormalised(string text)
    {
        Assert.True(Iban.TryParse(text, out var iban));
        Assert.Equal("UA213223130000026007233566001", iban.Value.Value);
        Assert.Equal("322313", iban.Value.BankCode);
    }

    [Theory]
    [InlineData("UA213223130000026007233566002")] // a digit changed
    [InlineData("UA123223130000026007233566001")] // check digits changed
    [InlineData("DE89370400440532013000")] // valid, but not Ukrainian
    [InlineData("UA21322313000002600723356600")] // 28 characters
    public void Iban_WithWrongCheckDigitsOrCountry_IsRejected(string text) =>
        Assert.False(Iban.TryParse(text, out _));

    [Fact]
    public void Iban_Create_ComputesCheckDigitsThatValidate()
    {
        var iban = Iban.Create("300528", "26000301234567");

        Assert.Equal(29, iban.Value.Length);
        Assert.True(Iban.TryParse(iban.Value, out _));
    }

    [Theory]
    [InlineData("14360570")] // PrivatBank
    [InlineData("00032129")] // Oschadbank
    [InlineData("41946011")] // DTEK Kyiv Electric Networks
    [InlineData("23243188")]
    public void Edrpou_RealCodes_Validate(string code) =>
        Assert.True(Edrpou.TryParse(code, out _));

    [Theory]
    [InlineData("14360571")]
    [InlineData("1436057")]
    [InlineData("1436057A")]
    public void Edrpou_WithWrongCheckDigitOrShape_IsRejected(string code) =>
        Assert.False(Edrpou.TryParse(code, out _));

    [Fact]
    public void Edrpou_CodesBetween30And60Million_UseShiftedWeights()
    {
        // 3200000?: weights 7,1,2,3,4,5,6 → 3·7 + 2·1 = 23, 23 mod 11 = 1.
        Assert.Equal(1, Edrpou.ComputeCheckDigit("3200000"));
        Assert.True(Edrpou.TryParse("32000001", out _));
    }

    [Fact]
    public void Edrpou_WhenFirstRemainderIsTen_UsesWeightsPlusTwo()
    {
        // Find a code whose plain weighted sum leaves 10; its check digit then comes from weights 3…9.
        var first7 = Enumerable.Range(0, 10_000_000).Select(i => i.ToString("0000000"))
            .First(d => d[0] is not ('3' or '4' or '5') && d.Select((c, i) => (c - '0') * (i + 1)).Sum() % 11 == 10);
        var expected = first7.Select((c, i) => (c - '0') * (i + 3)).Sum() % 11 % 10;

        Assert.Equal(expected, Edrpou.ComputeCheckDigit(first7));
    }

    [Theory]
    [InlineData("1000000001", "1000000001")]
    [InlineData("10 0000 0001", "1000000001")]
    [InlineData("100-000-0001", "1000000001")]
    public void AccountNumber_AcceptsTypedSpacing(string typed, string expected)
    {
        Assert.True(AccountNumber.TryParse(typed, out var number));
        Assert.Equal(expected, number.Value.Value);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678901234567")]
    [InlineData("10000000O1")]
    public void AccountNumber_OfWrongShape_IsRejected(string typed) =>
        Assert.False(AccountNumber.TryParse(typed, out _));
}
