using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Hosting;

public static class ScaleOutExtensions
{
    /// <summary>
    /// What lets several instances on PostgreSQL serve a signed-in page without a round trip: copies of session rows
    /// (<see cref="SessionRowCache"/>) kept current by the database's notices (<see cref="ChangeListener"/>), and the
    /// cookie that carries a learner's last write from instance to instance (<see cref="LearnerVersionCookie"/>).
    /// On SQLite the cache is there but never trusted, so every request reads its row as before.
    /// </summary>
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new SessionRowCache(services.GetRequiredService<SessionReader>().ReadAsync));
        if (!DatabaseProvider.IsPostgres(builder.Configuration))
        {
            return builder;
        }

        var secure = SecurityExtensions.RequireHttps(builder);
        builder.Services.AddSingleton(services => new LearnerVersionCookie(services.GetRequiredService<IDataProtectionProvider>(), secure));
        builder.Services.AddHostedService<ChangeListener>();
        builder.Services.ConfigureDbContext<PostgresAppDbContext>(options => options.AddInterceptors(RequestWrites.Interceptor));
        return builder;
    }

    /// <summary>After authentication (it needs the checked session) and before anything that writes.</summary>
    public static WebApplication UseLearnerVersionCookie(this WebApplication app)
    {
        if (app.Services.GetService<LearnerVersionCookie>() is { } cookie)
        {
            app.Use((context, next) => cookie.InvokeAsync(context, next));
        }

        return app;
    }
}
