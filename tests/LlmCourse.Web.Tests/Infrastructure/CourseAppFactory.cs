using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a private copy of the course and a fresh SQLite file, so tests may edit content and
/// write data without affecting each other or the repository.
/// </summary>
public class CourseAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    public CourseAppFactory()
        : this(null)
    {
    }

    /// <param name="sharedDatabase">A database that outlives this host (to test restarts); the caller disposes it.</param>
    protected CourseAppFactory(TestDatabase? sharedDatabase)
    {
        WorkDir = Path.Combine(Path.GetTempPath(), "llmcourse-tests", Guid.NewGuid().ToString("N"));
        ContentDir = Path.Combine(WorkDir, "content");
        RepoPaths.CopyTree(RepoPaths.Content, ContentDir);
        _ownsDatabase = sharedDatabase is null;
        Database = sharedDatabase ?? TestDatabase.Create(WorkDir);
    }

    public string WorkDir { get; }

    public string ContentDir { get; }

    /// <summary>This host's own database (SQLite file or PostgreSQL database, per the suite's provider).</summary>
    public TestDatabase Database { get; }

    /// <summary>Extra settings a test class wants (applied last).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Content:Path", ContentDir);
        builder.UseSetting("Content:ReloadDelay", "00:00:00.100");
        // Without an SMTP server, mail is written here (Testing, like Development, uses a pickup folder).
        builder.UseSetting("Email:PickupFolder", Path.Combine(WorkDir, "mail"));
        // Tests sign many people up from one address; the rate-limit tests set their own low limits.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:RegisterPerMinute", "100000");
        builder.UseSetting("RateLimits:TokenCreationPerMinute", "100000");
        builder.UseSetting("RateLimits:PasswordChecksPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase)
        {
            Database.Dispose();
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the host is removed with the temp folder later.
        }
    }
}
