using System.Text;
using Vidnova.Dso;

namespace Vidnova.Tests.Dso;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_0123456789";
    private const long Timestamp = 1764057600;
    private const string Body = """{"eventType":"restoration_requested"}""";

    // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_0123456789',
    //   b'1764057600.{\"eventType\":\"restoration_requested\"}', hashlib.sha256).hexdigest())"
    private const string KnownSignature = "v1=d4c78c48f844df3a32bdda9eb09b4ec6da841c35d891b9cec84c52d2d11db5e2";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Sign_MatchesTheKnownVector() =>
        Assert.Equal(KnownSignature, WebhookSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void Sign_OfBytesAndOfTheSameUtf8Text_Agree() =>
        Assert.Equal(WebhookSignature.Sign(Secret, Timestamp, "{\"ОСР\":\"Київ\"}"),
            WebhookSignature.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes("{\"ОСР\":\"Київ\"}")));

    [Fact]
    public void Verify_AcceptsTheKnownVectorWithinTheWindow()
    {
        Assert.Equal(SignatureCheck.Valid, Verify(Timestamp.ToString(), KnownSignature, Body, Timestamp));
        Assert.Equal(SignatureCheck.Valid, Verify(Timestamp.ToString(), KnownSignature, Body, Timestamp + 300));
        Assert.Equal(SignatureCheck.Valid, Verify(Timestamp.ToString(), KnownSignature, Body, Timestamp - 300));
    }

    [Fact]
    public void Verify_AcceptsOneOfSeveralSignatures_DuringASecretRotation() =>
        Assert.Equal(SignatureCheck.Valid, Verify(Timestamp.ToString(), "v1=00ff, " + KnownSignature, Body, Timestamp));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_RefusesATimestampOutsideTheWindow(long skew) =>
        Assert.Equal(SignatureCheck.Stale, Verify(Timestamp.ToString(), KnownSignature, Body, Timestamp + skew));

    [Fact]
    public void Verify_RefusesAChangedBodyTimestampOrSecret()
    {
        Assert.Equal(SignatureCheck.Mismatch, Verify(Timestamp.ToString(), KnownSignature, Body + " ", Timestamp));
        Assert.Equal(SignatureCheck.Mismatch, Verify((Timestamp + 1).ToString(), KnownSignature, Body, Timestamp));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("another-secret-0123", Timestamp.ToString(), KnownSignature,
            Encoding.UTF8.GetBytes(Body), Timestamp, Window));
        Assert.Equal(SignatureCheck.Mismatch, Verify(Timestamp.ToString(), KnownSignature.ToUpperInvariant(), Body, Timestamp));
        Assert.Equal(SignatureCheck.Mismatch, Verify(Timestamp.ToString(), KnownSignature[3..], Body, Timestamp));
    }

    [Theory]
    [InlineData(null, KnownSignature, SignatureCheck.Missing)]
    [InlineData("1764057600", null, SignatureCheck.Missing)]
    [InlineData("", "", SignatureCheck.Missing)]
    [InlineData("yesterday", KnownSignature, SignatureCheck.Malformed)]
    [InlineData("-1764057600", KnownSignature, SignatureCheck.Malformed)]
    public void Verify_RefusesMissingOrMalformedHeaders(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, Verify(timestamp, signature, Body, Timestamp));

    private static SignatureCheck Verify(string? timestamp, string? signature, string body, long now) =>
        WebhookSignature.Verify(Secret, timestamp, signature, Encoding.UTF8.GetBytes(body), now, Window);
}
