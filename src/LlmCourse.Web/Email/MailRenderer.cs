using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace LlmCourse.Web.Email;

/// <summary>
/// Renders a mail template (a Razor component in Email/Templates) to HTML outside any request, with the same
/// escaping pages get: every value is HTML-encoded unless a template marks it as already-safe markup.
/// </summary>
public sealed class MailRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync<TTemplate>(IReadOnlyDictionary<string, object?> parameters)
        where TTemplate : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
        return "<!DOCTYPE html>\n" + html;
    }
}
