namespace LlmCourse.Web.Accounts;

public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";

    public static IReadOnlyList<string> All { get; } = [Learner, Instructor];
}

public static class Policies
{
    /// <summary>Instructors only: the instructor area, statistics, gradebook.</summary>
    public const string Instructor = "Instructor";
}
