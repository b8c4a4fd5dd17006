using LlmCourse.Web.Accounts;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Content;
using LlmCourse.Web.Hosting;

if (DeckCommands.IsCommand(args))
{
    return await DeckCommands.RunAsync(args, Console.Out, Console.Error);
}

if (QuizCommands.IsCommand(args))
{
    return await QuizCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCourseContent();
builder.AddPersistence();
builder.AddAccounts();
builder.AddSecurity();
builder.AddProgress();
builder.AddStudy();
builder.AddQuizzes();
builder.AddTeaching();
builder.AddHealth();
builder.AddWebUi();
builder.AddCaching();
builder.AddApi();
builder.AddLab();
builder.AddViewCounts();
builder.AddDiscussion();

var app = builder.Build();
var parsing = app.ParseCourseFolderAsync();
await app.MigrateDatabaseAsync();
await parsing;

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
app.MapStudyExports();
app.MapApi();
app.MapPublishing();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
