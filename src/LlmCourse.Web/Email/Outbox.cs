using LlmCourse.Web.Data;

namespace LlmCourse.Web.Email;

/// <summary>
/// Puts mail in the outbox table through the request's own <see cref="AppDbContext"/>, so the message is saved by
/// the same <c>SaveChanges</c> (or inside the same transaction) as the change that causes it: if the change is
/// rolled back, no mail goes; if it commits, the mail will go, whatever happens to this process afterwards.
/// </summary>
public sealed class Outbox(AppDbContext db, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Adds a message to the context; nothing is written until the caller saves.</summary>
    /// <exception cref="ArgumentException">The address is not exactly one plain mailbox.</exception>
    public OutboxMessage Add(string kind, string? userId, string toAddress, string toName, MailContent content, string? unsubscribeUrl = null)
    {
        if (!MailText.IsSingleAddress(toAddress))
        {
            throw new ArgumentException("Not a single email address.", nameof(toAddress));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = kind,
            UserId = userId,
            ToAddress = toAddress,
            ToName = MailText.HeaderText(toName),
            Subject = MailText.HeaderText(content.Subject),
            TextBody = content.Text,
            HtmlBody = content.Html,
            UnsubscribeUrl = unsubscribeUrl,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Saves the context (the change and its mail together) and wakes this instance's sender.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
    }

    /// <summary>Wakes this instance's sender, after a transaction that wrote mail has committed.</summary>
    public void Wake() => signal.Wake();
}

/// <summary>Wakes the sender when this instance has just written mail, so it goes at once rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
