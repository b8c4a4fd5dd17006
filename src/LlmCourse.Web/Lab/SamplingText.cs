using System.Globalization;

namespace LlmCourse.Web.Lab;

/// <summary>Sentences the playground page shows around its chart (lab-sampling.js writes the same ones).</summary>
public static class SamplingText
{
    public static string Context(SamplingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Context;
        var seen = c.TrigramContextCount > 0
            ? $"seen {c.TrigramContextCount.ToString("N0", CultureInfo.InvariantCulture)} times in the course, followed by {c.TrigramContextTypes.ToString("N0", CultureInfo.InvariantCulture)} different tokens"
            : "never seen together in the course, so the model backs off to shorter contexts";
        return $"The model conditions on “{Show(c.U)} {Show(c.V)}” ({seen}). Most likely next token: “{report.Argmax}”.";
    }

    public static string Kept(SamplingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.KeptCount.ToString("N0", CultureInfo.InvariantCulture)} of {report.TokenCount.ToString("N0", CultureInfo.InvariantCulture)} tokens can be drawn; " +
               $"together the model gave them {LabCharts.Percent(report.KeptRawMass)} of its probability.";
    }

    public static string Stop(SampledContinuation continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var tokens = continuation.Tokens.Count(t => t.Token != Core.Lab.LabTokenizer.EndToken);
        return continuation.StopReason == "end-of-sentence" ? $"{tokens} tokens, ended the sentence" : $"{tokens} tokens, stopped at max tokens";
    }

    private static string Show(string token) => token == Core.Lab.LabTokenizer.StartToken ? "(start)" : token;
}
