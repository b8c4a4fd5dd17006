var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "LlmCourse");
app.Run();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
