namespace LlmCourse.Web.Lab;

/// <summary>Why a BLEU order's precision is what it is (the page and lab-evaluation.js say the same).</summary>
public static class BleuNote
{
    public static string For(BleuOrderLine order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return !order.Used ? "left out: the candidate is too short"
            : order.Smoothed && order.Matched == 0 ? "no match: smoothed"
            : order.Smoothed ? "add-k: k added to matched and total"
            : order.Matched == 0 ? "no match"
            : "";
    }
}
