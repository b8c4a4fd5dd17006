using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Email;

/// <summary>Arranging mail tests: accounts with confirmed addresses and chosen course mail.</summary>
public static class MailTestSupport
{
    public static string NewAddress(string what) => $"{what}-{Guid.NewGuid():N}@example.com";

    /// <summary>Registers through the page, then marks the address confirmed (as following the link would).</summary>
    public static async Task<(HttpClient Client, string UserId)> ConfirmedLearnerAsync(WebApplicationFactory<Program> factory, string email)
    {
        var client = await TestAccounts.RegisterAsync(factory, email);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("not registered");
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return (client, user.Id);
    }

    public static async Task SetPreferencesAsync(WebApplicationFactory<Program> factory, string userId, bool announcements, bool digest, int hour = 8, string zone = "UTC", DateOnly? lastDigest = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.EmailPreferences.FirstOrDefaultAsync(p => p.UserId == userId);
        if (row is null)
        {
            row = new EmailPreferences { UserId = userId };
            db.EmailPreferences.Add(row);
        }

        row.Announcements = announcements;
        row.Digest = digest;
        row.DigestHour = hour;
        row.TimeZone = zone;
        row.LastDigestDate = lastDigest;
        await db.SaveChangesAsync();
    }

    /// <summary>Clears the outbox's account mail (confirmation mails from registering), so a test sees only its own.</summary>
    public static async Task ClearOutboxAsync(MailAppFactory factory)
    {
        await using var db = factory.Database.OpenContext();
        await db.OutboxMessages.ExecuteDeleteAsync();
    }
}
