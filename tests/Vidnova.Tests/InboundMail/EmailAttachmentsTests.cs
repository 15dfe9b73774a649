using MimeKit;
using Vidnova.InboundMail;
using Vidnova.Restoration;

namespace Vidnova.Tests.InboundMail;

public sealed class EmailAttachmentsTests
{
    private static readonly byte[] Pdf = Replies.BankReceipt("VN-2026-000001");

    [Fact]
    public void APdf_IsRecognisedByItsBytes_WhateverItsNameAndDeclaredType()
    {
        var scan = Scan(Replies.Attachment(Pdf, "document.bin"));

        var receipt = Assert.Single(scan.Receipts);
        Assert.Equal("application/pdf", receipt.ContentType);
        Assert.Equal("document.bin", receipt.FileName);
        Assert.Equal(Pdf, receipt.Content);
        Assert.Empty(scan.Refused);
    }

    [Fact]
    public void InlinePhotos_AreReceipts_ButSignatureLogosAreNot()
    {
        var scan = Scan(Replies.InlineImage(Replies.Photo(2_000), "image/png"), Replies.InlineImage(Replies.Photo(), "image/jpeg"));

        var receipt = Assert.Single(scan.Receipts);
        Assert.Equal("image/jpeg", receipt.ContentType);
        Assert.Empty(scan.Refused);
    }

    [Fact]
    public void HeicPhotos_FromIPhones_AreTakenAsTheyAre()
    {
        var receipt = Assert.Single(Scan(Replies.Attachment(Replies.Heic(), "IMG_0042.HEIC", "image/heic")).Receipts);

        Assert.Equal("image/heic", receipt.ContentType);
    }

    [Fact]
    public void APdf_IsPreferredToALargerPhoto()
    {
        var scan = Scan(Replies.Attachment(Replies.Photo(500_000), "photo.jpg"), Replies.Pdf(Pdf));

        Assert.Equal("application/pdf", scan.Receipts[0].ContentType);
        Assert.Equal(2, scan.Receipts.Count);
    }

    [Theory]
    [InlineData("квитанції.zip", AttachmentRefusal.Archive)]
    [InlineData("receipt.docx", AttachmentRefusal.UnsupportedType)]
    public void ZipContainers_AreRefused_AsArchivesUnlessTheyAreOfficeDocuments(string name, AttachmentRefusal expected)
    {
        var scan = Scan(Replies.Attachment(Replies.Zip(), name));

        Assert.Empty(scan.Receipts);
        Assert.Equal(expected, Assert.Single(scan.Refused).Refusal);
    }

    [Theory]
    [InlineData("receipt.pdf.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("run.js", new byte[] { 0x76, 0x61, 0x72 })]
    public void Programs_AreRefused(string name, byte[] content) =>
        Assert.Equal(AttachmentRefusal.Program, Assert.Single(Scan(Replies.Attachment(content, name)).Refused).Refusal);

    [Fact]
    public void AFileOverTheLimit_IsRefusedAsTooLarge_WithoutKeepingItsBytes()
    {
        var huge = new byte[ReceiptFormat.MaxBytes + 1];
        Pdf.CopyTo(huge, 0);

        var refused = Assert.Single(Scan(Replies.Pdf(huge)).Refused);

        Assert.Equal(AttachmentRefusal.TooLarge, refused.Refusal);
        Assert.Null(refused.Content);
        Assert.Equal(huge.Length, refused.SizeBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AReceiptInsideAForwardedMessage_OrAnAttachedEmlFile_IsFound(bool asEmlFile)
    {
        var fromBank = Replies.Fresh("Квитанція про оплату", "Ваша квитанція", "noreply@privatbank.ua", Replies.Pdf(Pdf, "receipt_2026.pdf"));

        var receipt = Assert.Single(Scan(Replies.Forwarded(fromBank, asEmlFile)).Receipts);

        Assert.Equal("receipt_2026.pdf", receipt.FileName);
        Assert.Equal(Pdf, receipt.Content);
    }

    [Fact]
    public void TheEmailsOwnText_IsNotAnAttachment()
    {
        var message = Replies.Fresh("Питання", "Коли буде світло?");
        message.Body = new BodyBuilder { TextBody = "Коли буде світло?", HtmlBody = "<p>Коли буде світло?</p>" }.ToMessageBody();

        var scan = EmailAttachments.Scan(message);

        Assert.Empty(scan.Receipts);
        Assert.Empty(scan.Refused);
    }

    private static AttachmentScan Scan(params MimeEntity[] attachments) =>
        EmailAttachments.Scan(Replies.Fresh("Квитанція", "Оплатив", attachments: attachments));
}
