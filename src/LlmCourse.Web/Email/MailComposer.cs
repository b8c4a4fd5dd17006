using System.Globalization;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Email.Templates;

namespace LlmCourse.Web.Email;

/// <summary>A mail's words, ready for the outbox: a one-line subject, a plain-text part and an HTML part.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>One deck's line in the digest.</summary>
public sealed record DigestDeck(int Week, string Title, int Due, string Url);

/// <summary>
/// Writes each kind of mail. The HTML part comes from a Razor component in Email/Templates (escaped by the
/// renderer); the plain-text part is written here, as text, never HTML. Links are absolute, made from
/// <see cref="MailSetup.SiteUrl"/>.
/// </summary>
public sealed class MailComposer(MailRenderer renderer, MailSetup setup, CourseStore store)
{
    /// <summary>How long the links in account mail work (<see cref="Accounts.AccountTokenProvider"/>).</summary>
    public const string ValidFor = "one hour";

    private string SiteName => store.IsLoaded ? MailText.HeaderText(store.Current.Course.Title) : "LlmCourse";

    public async Task<MailContent> PasswordResetAsync(string name, string resetUrl)
    {
        var subject = $"Reset your password on {SiteName}";
        var text = $"""
            Hello {name},

            Someone, we hope you, asked to reset the password of your account on {SiteName}.
            This link works once, within {ValidFor}:

            {resetUrl}

            If you did not ask, you can ignore this mail: your password stays as it is.
            """;
        var html = await renderer.RenderAsync<PasswordResetMail>(new Dictionary<string, object?>
        {
            [nameof(PasswordResetMail.Name)] = name,
            [nameof(PasswordResetMail.ResetUrl)] = resetUrl,
            [nameof(PasswordResetMail.ValidFor)] = ValidFor,
            [nameof(PasswordResetMail.SiteName)] = SiteName,
            [nameof(PasswordResetMail.SiteUrl)] = setup.SiteUrl(),
        });
        return new MailContent(subject, Footer(text, null), html);
    }

    /// <param name="newAddress">Set when confirming a change of address (the mail goes to the new one).</param>
    public async Task<MailContent> ConfirmAddressAsync(string name, string address, string? newAddress, string confirmUrl)
    {
        var subject = newAddress is null ? $"Confirm your email address on {SiteName}" : $"Confirm your new email address on {SiteName}";
        var what = newAddress is null
            ? $"Please confirm that {address} is your address on {SiteName}. The link works within {ValidFor}:"
            : $"You asked to change the address of your account on {SiteName} to {newAddress}.\nThe change is made when you follow this link, within {ValidFor}:";
        var text = $"""
            Hello {name},

            {what}

            {confirmUrl}

            If this was not you, ignore this mail and nothing changes.
            """;
        var html = await renderer.RenderAsync<ConfirmEmailMail>(new Dictionary<string, object?>
        {
            [nameof(ConfirmEmailMail.Name)] = name,
            [nameof(ConfirmEmailMail.Address)] = address,
            [nameof(ConfirmEmailMail.NewAddress)] = newAddress,
            [nameof(ConfirmEmailMail.ConfirmUrl)] = confirmUrl,
            [nameof(ConfirmEmailMail.ValidFor)] = ValidFor,
            [nameof(ConfirmEmailMail.SiteName)] = SiteName,
            [nameof(ConfirmEmailMail.SiteUrl)] = setup.SiteUrl(),
        });
        return new MailContent(subject, Footer(text, null), html);
    }

    public async Task<MailContent> EmailChangedAsync(string name, string oldAddress, string newAddress)
    {
        var subject = $"Your email address on {SiteName} was changed";
        var text = $"""
            Hello {name},

            The address of your account on {SiteName} is now {newAddress}; mail no longer comes to {oldAddress}.
            Every browser signed in to the account has been signed out.

            If you did not make this change, reply to your course's instructors or operators at once:
            they can give the account back to you.
            """;
        var html = await renderer.RenderAsync<EmailChangedMail>(new Dictionary<string, object?>
        {
            [nameof(EmailChangedMail.Name)] = name,
            [nameof(EmailChangedMail.OldAddress)] = oldAddress,
            [nameof(EmailChangedMail.NewAddress)] = newAddress,
            [nameof(EmailChangedMail.SiteName)] = SiteName,
            [nameof(EmailChangedMail.SiteUrl)] = setup.SiteUrl(),
        });
        return new MailContent(subject, Footer(text, null), html);
    }

    /// <param name="markdown">As the instructor wrote it: the plain-text part shows it as it is.</param>
    /// <param name="safeHtml">The same, rendered by the course's safe Markdown pipeline.</param>
    public async Task<MailContent> AnnouncementAsync(string title, string author, string markdown, string safeHtml, string unsubscribePage)
    {
        var subject = $"{SiteName}: {title}";
        var text = $"""
            {title}
            From {author}

            {markdown.Trim()}

            All announcements: {setup.Link("/announcements")}
            """;
        var html = await renderer.RenderAsync<AnnouncementMail>(new Dictionary<string, object?>
        {
            [nameof(AnnouncementMail.Title)] = title,
            [nameof(AnnouncementMail.Author)] = author,
            [nameof(AnnouncementMail.BodyHtml)] = safeHtml,
            [nameof(AnnouncementMail.AnnouncementsUrl)] = setup.Link("/announcements"),
            [nameof(AnnouncementMail.UnsubscribeUrl)] = unsubscribePage,
            [nameof(AnnouncementMail.SiteName)] = SiteName,
            [nameof(AnnouncementMail.SiteUrl)] = setup.SiteUrl(),
        });
        return new MailContent(subject, Footer(text, unsubscribePage), html);
    }

    public async Task<MailContent> DigestAsync(string name, DateOnly localDay, IReadOnlyList<DigestDeck> decks, string unsubscribePage)
    {
        var total = decks.Sum(d => d.Due);
        var day = localDay.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var title = $"{total} {(total == 1 ? "card" : "cards")} due, {day}";
        var lines = string.Join("\n", decks.Select(d => $"- Week {d.Week}: {d.Title}: {d.Due} due ({d.Url})"));
        var text = $"""
            Hello {name},

            {total} {(total == 1 ? "card is" : "cards are")} due for review today:

            {lines}

            Review now: {setup.Link("/study/review")}

            {SignalHelp.Due.Meaning}
            """;
        var html = await renderer.RenderAsync<DigestMail>(new Dictionary<string, object?>
        {
            [nameof(DigestMail.Name)] = name,
            [nameof(DigestMail.Title)] = title,
            [nameof(DigestMail.Decks)] = decks,
            [nameof(DigestMail.Total)] = total,
            [nameof(DigestMail.ReviewUrl)] = setup.Link("/study/review"),
            [nameof(DigestMail.DueMeaning)] = SignalHelp.Due.Meaning,
            [nameof(DigestMail.UnsubscribeUrl)] = unsubscribePage,
            [nameof(DigestMail.SiteName)] = SiteName,
            [nameof(DigestMail.SiteUrl)] = setup.SiteUrl(),
        });
        return new MailContent($"{SiteName}: {title}", Footer(text, unsubscribePage), html);
    }

    private string Footer(string text, string? unsubscribePage) =>
        text + "\n\n-- \n" + (unsubscribePage is null
            ? $"You get this because of something done with your account on {SiteName} ({setup.SiteUrl()})."
            : $"You get this because you asked for it on your account page. Unsubscribe: {unsubscribePage}") + "\n";
}
