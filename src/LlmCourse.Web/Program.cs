using LlmCourse.Web.Content;
using LlmCourse.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCourseContent();
builder.AddPersistence();
builder.AddHealth();
builder.AddWebUi();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseWebUi();
app.MapHealth();
app.MapCourseDownloads();
await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
