using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Vidnova.Notifications;

/// <summary>
/// The look every email shares, as HTML with an equivalent plain-text part. The capability that sends an email owns
/// its words (its template) and builds it from these blocks.
/// </summary>
public static class EmailLayout
{
    // Ukrainian letters stay readable in the HTML source (and the message smaller) instead of becoming &#x...; entities.
    internal static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="heading">The line at the top, naming the service.</param>
    /// <param name="footer">The small print at the bottom, e.g. which case the email is about.</param>
    public static EmailContent Render(string heading, string subject, string footer, params EmailBlock[] blocks)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a;max-width:600px\">");
        html.Append("<p style=\"font-size:20px;font-weight:bold;color:#0b5cad\">").Append(Html.Encode(heading)).Append("</p>");
        foreach (var block in blocks)
        {
            block.Render(html, text);
        }

        html.Append("<hr><p style=\"color:#666;font-size:12px\">").Append(Html.Encode(footer)).Append("</p></body></html>");
        text.AppendLine().AppendLine(footer);
        return new EmailContent(subject, html.ToString(), text.ToString());
    }
}

public abstract record EmailBlock
{
    internal abstract void Render(StringBuilder html, StringBuilder text);
}

public sealed record EmailParagraph(string Text) : EmailBlock
{
    internal override void Render(StringBuilder html, StringBuilder text)
    {
        html.Append("<p>").Append(EmailLayout.Html.Encode(Text)).Append("</p>");
        text.AppendLine(Text).AppendLine();
    }
}

/// <summary>A button in HTML; the label and the link on a line of their own in plain text.</summary>
public sealed record EmailAction(string Label, string Url) : EmailBlock
{
    internal override void Render(StringBuilder html, StringBuilder text)
    {
        html.Append("<p><a href=\"").Append(EmailLayout.Html.Encode(Url))
            .Append("\" style=\"display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">")
            .Append(EmailLayout.Html.Encode(Label)).Append("</a></p>");
        text.Append(Label).Append(": ").AppendLine(Url).AppendLine();
    }
}

public sealed record EmailTable(params (string Label, string Value)[] Rows) : EmailBlock
{
    internal override void Render(StringBuilder html, StringBuilder text)
    {
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in Rows)
        {
            html.Append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0;vertical-align:top\">").Append(EmailLayout.Html.Encode(label))
                .Append("</th><td style=\"padding:4px 0\">").Append(EmailLayout.Html.Encode(value)).Append("</td></tr>");
            text.Append(label).Append(": ").AppendLine(value);
        }

        html.Append("</table>");
        text.AppendLine();
    }
}
