using LlmCourse.Web.Accounts;
using LlmCourse.Web.Appearance;
using LlmCourse.Web.Assets;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Email;
using LlmCourse.Web.Hosting;
using LlmCourse.Web.Weeks;

if (DeckCommands.IsCommand(args))
{
    return await DeckCommands.RunAsync(args, Console.Out, Console.Error);
}

if (QuizCommands.IsCommand(args))
{
    return await QuizCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

// Every "now" in the site comes from here; tests put a fake clock in its place.
builder.Services.AddSingleton(TimeProvider.System);
builder.AddObservability();
builder.AddPersistence();
builder.AddCourseContent();
builder.AddAccounts();
builder.AddScaleOut();
builder.AddSecurity();
builder.AddProgress();
builder.AddDashboard();
builder.AddStudy();
builder.AddScheduling();
builder.AddQuizzes();
builder.AddCalendar();
builder.AddInstructor();
builder.AddSearch();
builder.AddLab();
builder.AddViewCounts();
builder.AddDiscussion();
builder.AddEmail();
builder.AddHealth();
builder.AddCaching();
builder.AddWebUi();
builder.AddApi();

var app = builder.Build();
var parsing = app.ParseCourseFolderAsync();
await app.MigrateDatabaseAsync();
await parsing;

if (ContentCommands.IsCommand(args))
{
    return await ContentCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (SchedulingCommands.IsCommand(args))
{
    return await SchedulingCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (UserCommands.IsCommand(args))
{
    return await UserCommands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
}

if (MailCommands.IsCommand(args))
{
    return await MailCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (app.Environment.IsDevelopment())
{
    await DemoUsers.EnsureAsync(app.Services, app.Logger);
}

// The request pipeline, in order. Also in Development, errors go to /error: a database outage must answer 503.
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseApiErrors();
app.UseSecurity();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseLearnerVersionCookie();
app.UseNoStoreWhenSignedIn();
app.UseRateLimiter();
app.UseAuthorization();
app.UseViewCounting();
app.UseCaching();
app.UseDashboardCache();
app.UseAntiforgery();

app.MapRazorPages();
app.MapHealth();
app.MapObservability();
app.MapSitemap();
app.MapCourseDownloads();
app.MapCourseAssets();
app.MapStudyExports();
app.MapTheme();
app.MapApi();
app.MapEmail();
app.MapCalendar();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
