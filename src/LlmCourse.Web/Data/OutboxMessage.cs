namespace LlmCourse.Web.Data;

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent, perhaps after a failed attempt (see <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending = 0,

    /// <summary>Accepted by the mail server (or written to the pickup folder).</summary>
    Sent = 1,

    /// <summary>Given up on: refused for good, or every attempt failed.</summary>
    Failed = 2,
}

/// <summary>
/// One email, written in the same transaction as the change that causes it (a reset asked for, an account
/// created, an announcement posted), rendered in full, and delivered later by the outbox sender. A sender claims
/// a row by writing its claim token and a lease expiry in one conditional update, so two instances never take the
/// same row; a claim whose lease ran out (its sender crashed) is taken again.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What the mail is for: see <see cref="Email.MailKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The account it is about, if any; the row goes with the account.</summary>
    public string? UserId { get; set; }

    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The RFC 8058 one-click address for <c>List-Unsubscribe</c>; null for account mail, which has no list.</summary>
    public string? UnsubscribeUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not tried again before this instant (exponential backoff after a failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The sender pass that holds the row, while it holds it.</summary>
    public string? ClaimToken { get; set; }

    /// <summary>When the current claim lapses; after that another sender may take the row.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>When it was last tried (sent or not).</summary>
    public DateTime? LastAttemptAt { get; set; }

    public string? LastError { get; set; }
}
