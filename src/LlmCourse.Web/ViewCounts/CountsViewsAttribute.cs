namespace LlmCourse.Web.ViewCounts;

/// <summary>
/// Marks a page whose successful GET is a view of the course item in its route (<c>number</c>, <c>itemId</c>,
/// and <c>slide</c> for a lecture's slides). <see cref="ViewCountingMiddleware"/> reads it from the endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CountsViewsAttribute : Attribute;
