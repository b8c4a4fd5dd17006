using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.Infrastructure;

public static class FakeClockMoves
{
    /// <summary>
    /// Moves the clock to <paramref name="instant"/> unless an earlier test of the fixture already took it there or
    /// further (FakeTimeProvider never goes back); for a class whose tests all need "at least this late".
    /// </summary>
    public static void MoveForwardTo(this FakeTimeProvider clock, DateTimeOffset instant)
    {
        if (clock.GetUtcNow() < instant)
        {
            clock.SetUtcNow(instant);
        }
    }
}
