using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vidnova.Kernel;

/// <summary>Random secrets handed to customers and DSOs. Only their SHA-256 is stored.</summary>
public static class SecretTokens
{
    private const int AccessTokenBytes = 32;

    /// <summary>The length of every <see cref="NewAccessToken"/>: its random bytes in base64url without padding (43).</summary>
    public static readonly int AccessTokenLength = Base64Url.GetEncodedLength(AccessTokenBytes);

    public static string NewAccessToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(AccessTokenBytes));

    /// <summary>60 random bits in lowercase base32: safe in an email address's local part, which some servers lower-case.</summary>
    public static string NewReplyToken() =>
        string.Concat(RandomNumberGenerator.GetBytes(12).Select(b => "abcdefghijklmnopqrstuvwxyz234567"[b & 31]));

    public static string NewConfirmationCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000");

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The code is salted with the application id so that one leaked hash says nothing of another.</summary>
    public static string HashConfirmationCode(Guid applicationId, string code) => Hash($"{applicationId:N}:{code.Trim()}");

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
