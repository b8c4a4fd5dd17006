using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Hosting;

if (LlmCourse.Web.Cli.QuizCommands.IsCommand(args))
{
    return await LlmCourse.Web.Cli.QuizCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCourseContent();
builder.AddPersistence();
builder.AddAccounts();
builder.AddProgress();
builder.AddQuizzes();
builder.AddHealth();
builder.AddWebUi();
builder.AddApi();

var app = builder.Build();
await app.MigrateDatabaseAsync();

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
await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
