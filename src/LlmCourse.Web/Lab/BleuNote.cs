namespace LlmCourse.Web.Lab;

/// <summary>Why a BLEU order's precision is what it is (the page and lab-evaluation.js say the same).</summary>
public static class BleuNote
{
    public static string For(BleuOrderLine order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return !order.Used ? "left out: the candidate is too short"
            : order.Smoothed ? "no match: smoothed"
            : order.Matched == 0 ? "no match"
            : "";
    }
}
