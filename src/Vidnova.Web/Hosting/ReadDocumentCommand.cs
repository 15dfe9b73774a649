using System.Text.Json;
using Vidnova.InboundMail;
using Vidnova.Restoration.Receipts;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Hosting;

/// <summary>
/// The child side of <see cref="UntrustedDocumentReader"/>: <c>dotnet Vidnova.Web.dll read-document &lt;kind&gt;</c>
/// reads one file from stdin and prints what it found as JSON. It starts before the web host is built (no
/// configuration, no database), and whatever the file does to it — a stack overflow, an out-of-memory, a loop — ends
/// this process only. It lives with the host because it composes the readers of the modules whose formats it reads
/// (Restoration's receipt text, InboundMail's email digest), which the reader itself must not depend on.
/// </summary>
public static class ReadDocumentCommand
{
    public static async Task<int> RunAsync(string kind)
    {
        using var input = new MemoryStream();
        await using (var stdin = Console.OpenStandardInput())
        {
            await stdin.CopyToAsync(input);
        }

        var content = input.ToArray();
        object? result = kind switch
        {
            "pdf-text" => new PdfTextReading(ReceiptTextExtractor.Extract(content)),
            "email" => new EmailReading(InboundMessageDigest.Read(content)),
            _ => null,
        };
        if (result is null)
        {
            await Console.Error.WriteLineAsync($"Unknown document kind «{kind}».");
            return 2;
        }

        await using var stdout = Console.OpenStandardOutput();
        await JsonSerializer.SerializeAsync(stdout, result, result.GetType(), DocumentJson.Options);
        return 0;
    }
}
