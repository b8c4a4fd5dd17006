using System.Text.Json;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

[Authorize]
public sealed class ExportModel(UserManager<AppUser> users, AccountData data) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var export = await data.ExportAsync(user, HttpContext.RequestAborted);
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", "llmcourse-my-data.json");
    }
}
