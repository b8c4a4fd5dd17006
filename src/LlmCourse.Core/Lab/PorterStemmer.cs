namespace LlmCourse.Core.Lab;

/// <summary>
/// The Porter stemmer (Porter 1980, "An algorithm for suffix stripping") in the variant NLTK uses by default
/// (<c>nltk.stem.porter.PorterStemmer</c>, mode NLTK_EXTENSIONS), which is what rouge-score calls with
/// <c>use_stemmer=True</c>. NLTK's departures kept here: a few irregular forms, words of 1–2 letters left
/// alone, "ies"/"ied" → "ie" for 4-letter words, y → i only after a consonant, "alli" handled first and
/// re-run through step 2, "bli" → "ble", "fulli" → "ful", "logi" → "log", and *o also true for a 2-letter
/// vowel-consonant stem. As in the paper, in each step only the longest matching suffix is considered:
/// when its condition fails the word is left unchanged.
/// </summary>
public static class PorterStemmer
{
    private static readonly Dictionary<string, string> _irregularForms = new(StringComparer.Ordinal)
    {
        ["skies"] = "sky",
        ["sky"] = "sky",
        ["dying"] = "die",
        ["lying"] = "lie",
        ["tying"] = "tie",
        ["news"] = "news",
        ["innings"] = "inning",
        ["inning"] = "inning",
        ["outings"] = "outing",
        ["outing"] = "outing",
        ["cannings"] = "canning",
        ["canning"] = "canning",
        ["howe"] = "howe",
        ["proceed"] = "proceed",
        ["exceed"] = "exceed",
        ["succeed"] = "succeed",
    };

    private static readonly Rule[] _step2Rules =
    [
        new("ational", "ate", HasPositiveMeasure),
        new("tional", "tion", HasPositiveMeasure),
        new("enci", "ence", HasPositiveMeasure),
        new("anci", "ance", HasPositiveMeasure),
        new("izer", "ize", HasPositiveMeasure),
        new("bli", "ble", HasPositiveMeasure),
        new("alli", "al", HasPositiveMeasure),
        new("entli", "ent", HasPositiveMeasure),
        new("eli", "e", HasPositiveMeasure),
        new("ousli", "ous", HasPositiveMeasure),
        new("ization", "ize", HasPositiveMeasure),
        new("ation", "ate", HasPositiveMeasure),
        new("ator", "ate", HasPositiveMeasure),
        new("alism", "al", HasPositiveMeasure),
        new("iveness", "ive", HasPositiveMeasure),
        new("fulness", "ful", HasPositiveMeasure),
        new("ousness", "ous", HasPositiveMeasure),
        new("aliti", "al", HasPositiveMeasure),
        new("iviti", "ive", HasPositiveMeasure),
        new("biliti", "ble", HasPositiveMeasure),
        new("fulli", "ful", HasPositiveMeasure),

        // NLTK tests the measure of the stem plus its "l" here (Barry Wilkins' change).
        new("logi", "log", stem => HasPositiveMeasure(stem + "l")),
    ];

    private static readonly Rule[] _step3Rules =
    [
        new("icate", "ic", HasPositiveMeasure),
        new("ative", "", HasPositiveMeasure),
        new("alize", "al", HasPositiveMeasure),
        new("iciti", "ic", HasPositiveMeasure),
        new("ical", "ic", HasPositiveMeasure),
        new("ful", "", HasPositiveMeasure),
        new("ness", "", HasPositiveMeasure),
    ];

    private static readonly Rule[] _step4Rules =
    [
        new("al", "", MeasureAboveOne),
        new("ance", "", MeasureAboveOne),
        new("ence", "", MeasureAboveOne),
        new("er", "", MeasureAboveOne),
        new("ic", "", MeasureAboveOne),
        new("able", "", MeasureAboveOne),
        new("ible", "", MeasureAboveOne),
        new("ant", "", MeasureAboveOne),
        new("ement", "", MeasureAboveOne),
        new("ment", "", MeasureAboveOne),
        new("ent", "", MeasureAboveOne),
        new("ion", "", stem => MeasureAboveOne(stem) && stem[^1] is 's' or 't'),
        new("ou", "", MeasureAboveOne),
        new("ism", "", MeasureAboveOne),
        new("ate", "", MeasureAboveOne),
        new("iti", "", MeasureAboveOne),
        new("ous", "", MeasureAboveOne),
        new("ive", "", MeasureAboveOne),
        new("ize", "", MeasureAboveOne),
    ];

    /// <summary>Stems one lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        word = word.ToLowerInvariant();
        if (_irregularForms.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        word = Step1A(word);
        word = Step1B(word);
        word = Step1C(word);
        word = Step2(word);
        word = ApplyFirstMatching(word, _step3Rules);
        word = ApplyFirstMatching(word, _step4Rules);
        word = Step5A(word);
        return Step5B(word);
    }

    private static string Step1A(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length == 4)
        {
            return word[..^3] + "ie";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "i";
        }

        if (word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word;
        }

        return word.EndsWith('s') ? word[..^1] : word;
    }

    private static string Step1B(string word)
    {
        if (word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word[..^3] + (word.Length == 4 ? "ie" : "i");
        }

        if (word.EndsWith("eed", StringComparison.Ordinal))
        {
            var eedStem = word[..^3];
            return Measure(eedStem) > 0 ? eedStem + "ee" : word;
        }

        string stem;
        if (word.EndsWith("ed", StringComparison.Ordinal) && ContainsVowel(word[..^2]))
        {
            stem = word[..^2];
        }
        else if (word.EndsWith("ing", StringComparison.Ordinal) && ContainsVowel(word[..^3]))
        {
            stem = word[..^3];
        }
        else
        {
            return word;
        }

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        if (EndsDoubleConsonant(stem))
        {
            return stem[^1] is 'l' or 's' or 'z' ? stem : stem[..^1];
        }

        return Measure(stem) == 1 && EndsCvc(stem) ? stem + "e" : stem;
    }

    private static string Step1C(string word) =>
        word.EndsWith('y') && word.Length > 2 && IsConsonant(word, word.Length - 2) ? word[..^1] + "i" : word;

    private static string Step2(string word)
    {
        if (word.EndsWith("alli", StringComparison.Ordinal) && HasPositiveMeasure(word[..^4]))
        {
            return Step2(word[..^4] + "al");
        }

        return ApplyFirstMatching(word, _step2Rules);
    }

    private static string Step5A(string word)
    {
        if (!word.EndsWith('e'))
        {
            return word;
        }

        var stem = word[..^1];
        var measure = Measure(stem);
        return measure > 1 || (measure == 1 && !EndsCvc(stem)) ? stem : word;
    }

    private static string Step5B(string word) =>
        word.EndsWith("ll", StringComparison.Ordinal) && Measure(word[..^1]) > 1 ? word[..^1] : word;

    private static string ApplyFirstMatching(string word, Rule[] rules)
    {
        foreach (var rule in rules)
        {
            if (word.EndsWith(rule.Suffix, StringComparison.Ordinal))
            {
                var stem = word[..^rule.Suffix.Length];
                return rule.Condition(stem) ? stem + rule.Replacement : word;
            }
        }

        return word;
    }

    private static bool IsConsonant(string word, int i) => word[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(word, i - 1),
        _ => true,
    };

    // m in [C](VC)^m[V]: the number of vowel-to-consonant transitions.
    private static int Measure(string stem)
    {
        var measure = 0;
        for (var i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
            {
                measure++;
            }
        }

        return measure;
    }

    private static bool HasPositiveMeasure(string stem) => Measure(stem) > 0;

    private static bool MeasureAboveOne(string stem) => Measure(stem) > 1;

    private static bool ContainsVowel(string stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    private static bool EndsCvc(string word) =>
        (word.Length >= 3
            && IsConsonant(word, word.Length - 3)
            && !IsConsonant(word, word.Length - 2)
            && IsConsonant(word, word.Length - 1)
            && word[^1] is not ('w' or 'x' or 'y'))
        || (word.Length == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1));

    private sealed record Rule(string Suffix, string Replacement, Func<string, bool> Condition);
}
