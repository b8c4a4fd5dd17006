using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>The audit log: publish, unpublish, schedule, edit, restore, import and the other content actions, newest first.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class AuditModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<PublishingAuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() =>
        Entries = await db.PublishingAudit.AsNoTracking().OrderByDescending(a => a.Id).Take(500).ToListAsync(HttpContext.RequestAborted);
}
