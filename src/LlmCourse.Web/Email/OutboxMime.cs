using System.Globalization;
using LlmCourse.Web.Data;
using MimeKit;

namespace LlmCourse.Web.Email;

/// <summary>An outbox row as the MIME message that goes out: multipart/alternative with the text part first, as RFC 2046 orders them.</summary>
public static class OutboxMime
{
    public static MimeMessage Build(OutboxMessage row, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(MailText.HeaderText(row.ToName), row.ToAddress));
        message.Subject = MailText.HeaderText(row.Subject);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));

        // The same id on every attempt, so a receiving system can tell a repeat after a lost acknowledgement.
        var domain = message.From.Mailboxes.First().Domain;
        message.MessageId = $"outbox-{row.Id.ToString(CultureInfo.InvariantCulture)}-{row.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}@{(string.IsNullOrEmpty(domain) ? "localhost" : domain)}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (row.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs here, without cookies.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
