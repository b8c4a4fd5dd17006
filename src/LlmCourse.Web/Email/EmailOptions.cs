namespace LlmCourse.Web.Email;

/// <summary>How a connection to the SMTP server is secured (<c>Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, as to a mail catcher on a private network (Mailpit in docker-compose).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (usually port 587); refuses a server that cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}

/// <summary>The <c>Email</c> section of the settings.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The site's public address, which links in mail start with (<c>https://course.example.org</c>). Never taken
    /// from a request's Host header, which whoever sends the request chooses. Development and Testing fall back to
    /// the address the server listens on.
    /// </summary>
    public string? SiteUrl { get; set; }

    /// <summary>Where messages are written as <c>.eml</c> files when no SMTP host is set (Development and Testing only); default <c>data/mail</c> next to the database.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>Password-reset and confirmation mails one address may be sent per hour; more requests get the same answer and no mail.</summary>
    public int PerAddressPerHour { get; set; } = 3;

    public OutboxOptions Outbox { get; set; } = new();

    public DigestOptions Digest { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, as <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "LlmCourse <no-reply@localhost>";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>How long one SMTP operation may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class OutboxOptions
{
    /// <summary>Whether this instance runs the background sender (every instance may: claims keep them apart).</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>How often the sender looks for work when nothing wakes it.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>Rows one pass claims.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds; a sender that has not finished by then (crashed) loses the rows to another.</summary>
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further failure.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Sent messages are deleted this many days after sending.</summary>
    public int SentRetentionDays { get; set; } = 30;

    /// <summary>Failed messages are deleted this many days after they were written (kept longer so operators can look).</summary>
    public int FailedRetentionDays { get; set; } = 90;
}

public sealed class DigestOptions
{
    /// <summary>How often instances check whose digest hour has come.</summary>
    public double CheckSeconds { get; set; } = 60;
}

/// <summary>What each outbox message is for (its <c>Kind</c>).</summary>
public static class MailKinds
{
    public const string PasswordReset = "password-reset";
    public const string ConfirmEmail = "confirm-email";
    public const string ChangeEmail = "change-email";
    public const string EmailChanged = "email-changed";
    public const string Announcement = "announcement";
    public const string Digest = "digest";
}

/// <summary>The course mail a person can opt in to and unsubscribe from.</summary>
public enum MailList
{
    Announcements,
    Digest,
}
