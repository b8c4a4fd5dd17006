namespace LlmCourse.Web.Accounts;

public static class Policies
{
    /// <summary>Instructors only: the instructor area, statistics, gradebook.</summary>
    public const string Instructor = "Instructor";
}
