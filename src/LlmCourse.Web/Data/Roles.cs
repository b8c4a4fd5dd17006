namespace LlmCourse.Web.Data;

/// <summary>The roles an account can hold; seeded into the database by the model.</summary>
public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";

    public static IReadOnlyList<string> All { get; } = [Learner, Instructor];
}
