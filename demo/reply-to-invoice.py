#!/usr/bin/env python3
"""Makes the customer's reply to the newest restoration invoice in the demo's mail folder, with a receipt attached.

    python3 demo/reply-to-invoice.py RECEIPT.pdf > reply.eml
    curl -H 'X-Api-Key: dev-admin-key' -H 'Content-Type: message/rfc822' --data-binary @reply.eml \
         http://localhost:5080/api/v1/inbound-emails

The reply goes to the invoice's Reply-To address (receipts+<token>@…), quotes its Message-ID in In-Reply-To and keeps
its subject with the application number — what a mail client does when the customer presses «Відповісти». A
hand-written email to another address is matched only by an application number in its subject or text or by the
sender's address, and otherwise waits for an operator.
The mail folder is the second argument (default src/Vidnova.Web/data/mail).
"""
import email
import email.policy
import mimetypes
import pathlib
import sys
from email.message import EmailMessage


def newest_invoice(folder: pathlib.Path):
    for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if "+" in str(message.get("Reply-To", "")):
            return message
    return None


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    receipt = pathlib.Path(sys.argv[1])
    folder = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "src/Vidnova.Web/data/mail")
    invoice = newest_invoice(folder)
    if invoice is None:
        print(f"No invoice email (one with a receipts+… Reply-To) in {folder}; apply and confirm the email first.", file=sys.stderr)
        return 1

    reply = EmailMessage()
    reply["From"] = invoice["To"]
    reply["To"] = invoice["Reply-To"]
    reply["Subject"] = "Re: " + str(invoice["Subject"])
    reply["In-Reply-To"] = invoice["Message-ID"]
    reply["References"] = invoice["Message-ID"]
    reply.set_content("Добрий день! Квитанцію про оплату додаю.\n")
    kind, _ = mimetypes.guess_type(receipt.name)
    maintype, subtype = (kind or "application/octet-stream").split("/")
    reply.add_attachment(receipt.read_bytes(), maintype=maintype, subtype=subtype, filename=receipt.name)
    sys.stdout.buffer.write(reply.as_bytes(policy=email.policy.SMTP))
    return 0


if __name__ == "__main__":
    sys.exit(main())
