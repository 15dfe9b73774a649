using System.Text.Json.Nodes;
using Vidnova.Payments.Online.LiqPay;

namespace Vidnova.Tests.Payments;

/// <summary>
/// LiqPay's envelope: data = base64(JSON), signature = base64(sha1(private_key + data + private_key)). The expected
/// strings were computed independently (Python's base64 and hashlib) from the keys of LiqPay's documentation example.
/// </summary>
public sealed class LiqPayProtocolTests
{
    private const string PrivateKey = "a4825234f4bae72a0be04eafe9e8e2bada209255";
    private const string Data = "eyJ2ZXJzaW9uIjozLCJwdWJsaWNfa2V5IjoiaTAwMDAwMDAwIiwiYWN0aW9uIjoicGF5IiwiYW1vdW50IjozLCJjdXJyZW5jeSI6IlVBSCIsImRlc2NyaXB0aW9uIjoidGVzdCIsIm9yZGVyX2lkIjoiMDAwMDAxIn0=";

    [Fact]
    public void Encode_IsBase64OfTheJsonInTheGivenOrder()
    {
        var data = LiqPayProtocol.Encode(new JsonObject
        {
            ["version"] = 3,
            ["public_key"] = "i00000000",
            ["action"] = "pay",
            ["amount"] = 3,
            ["currency"] = "UAH",
            ["description"] = "test",
            ["order_id"] = "000001",
        });

        Assert.Equal(Data, data);
    }

    [Fact]
    public void Sign_IsBase64OfSha1OfPrivateKeyDataPrivateKey() =>
        Assert.Equal("qUat51Evd9PYqMWwNM4jit8e7oI=", LiqPayProtocol.Sign(PrivateKey, Data));

    [Theory]
    [InlineData("qUat51Evd9PYqMWwNM4jit8e7oI=", true)]
    [InlineData("qUat51Evd9PYqMWwNM4jit8e7oJ=", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSigned_AcceptsOnlyTheExactSignature(string? signature, bool expected) =>
        Assert.Equal(expected, LiqPayProtocol.IsSigned(PrivateKey, Data, signature));

    [Fact]
    public void IsSigned_WithoutAPrivateKey_BelievesNothing() =>
        Assert.False(LiqPayProtocol.IsSigned("", Data, LiqPayProtocol.Sign("", Data)));

    [Fact]
    public void Decode_ReadsTheFields_AndRefusesWhatIsNotBase64Json()
    {
        Assert.Equal("000001", LiqPayProtocol.Decode(Data)!.Text("order_id"));
        Assert.Equal("3", LiqPayProtocol.Decode(Data)!.Text("amount"));
        Assert.Null(LiqPayProtocol.Decode("not base64!"));
        Assert.Null(LiqPayProtocol.Decode(Convert.ToBase64String("[1,2]"u8.ToArray())));
    }
}
