using LlmCourse.Web.Lab;

namespace LlmCourse.Web.Hosting;

public static class LabExtensions
{
    /// <summary>The Lab: one shared language model (trained once per content revision) and the tools using it.</summary>
    public static WebApplicationBuilder AddLab(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LabModelProvider>();
        builder.Services.AddSingleton<SamplingLab>();
        return builder;
    }
}
