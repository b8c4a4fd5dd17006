using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace LlmCourse.Web.Api;

/// <summary>
/// State-changing API calls made with the sign-in cookie must carry an antiforgery token (header
/// <c>X-CSRF-TOKEN</c>): the cookie is sent by the browser on any site's behalf. Bearer tokens are not
/// ambient credentials, so calls that use them need none.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        if (!safe && http.User.Identity?.AuthenticationType != ApiTokenAuthenticationHandler.SchemeName)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(
                    detail: "Missing or invalid antiforgery token. Send the X-CSRF-TOKEN header (pages carry it in the csrf-token meta tag) or use an API token.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Antiforgery check failed");
            }
        }

        return await next(context);
    }
}
