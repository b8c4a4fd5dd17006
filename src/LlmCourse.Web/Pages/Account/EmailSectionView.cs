using LlmCourse.Web.Data;

namespace LlmCourse.Web.Pages.Account;

/// <summary>What the account page's email section shows.</summary>
/// <param name="HasSaved">Whether the person ever saved choices (if not, the page may suggest the browser's time zone).</param>
public sealed record EmailSectionView(string Address, bool Confirmed, bool CanSend, EmailPreferences Preferences, bool HasSaved);
