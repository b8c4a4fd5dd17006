using LlmCourse.Web.Accounts;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Content;
using LlmCourse.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCourseContent();
builder.AddPersistence();
builder.AddAccounts();
builder.AddProgress();
builder.AddHealth();
builder.AddWebUi();
builder.AddApi();

var app = builder.Build();
await app.MigrateDatabaseAsync();

if (ContentCommands.IsCommand(args))
{
    return await ContentCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (UserCommands.IsCommand(args))
{
    return await UserCommands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
}

if (app.Environment.IsDevelopment())
{
    await DemoUsers.EnsureAsync(app.Services, app.Logger);
}

app.UseWebUi();
app.MapHealth();
app.MapCourseDownloads();
app.MapApi();
app.MapPublishing();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
