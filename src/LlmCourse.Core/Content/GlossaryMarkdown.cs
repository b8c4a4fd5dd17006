using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>
/// The glossary's Markdown extension: the first use of each term in a scope (a notes page, a lecture slide with its
/// transcript, a flashcard's answer) becomes a <see cref="GlossaryTermInline"/>, rendered as a link to the term's
/// definition on the glossary page with the definition's first sentence beside it as a tooltip (described by
/// <c>aria-describedby</c>). Terms are found in literal text only: never in headings, code, links, images or raw HTML.
/// </summary>
/// <remarks>
/// Linking runs on the parsed tree when an item is parsed, so once per content revision; the pipeline only knows how
/// to render the node (<see cref="GlossaryExtension"/>). The rendered markup works without JavaScript (a link and a
/// tooltip shown on hover and keyboard focus by CSS); <c>wwwroot/js/glossary.js</c> adds Escape and touch.
/// </remarks>
public static partial class GlossaryMarkup
{
    /// <summary>The glossary page's address.</summary>
    public const string PagePath = "/glossary";

    /// <summary>The address of a term's definition.</summary>
    public static string TermUrl(string termId) => $"{PagePath}#{termId}";

    /// <summary>
    /// The id of a term's tooltip in a scope: "gl", the scope's parts and the term id joined by underscores. Ids never
    /// hold underscores, so two scopes shown on one page (the slides of a transcript, the cards of a deck, the items of
    /// a printable week) never produce the same id.
    /// </summary>
    public static string TipId(IEnumerable<string> scope, string termId) => string.Join('_', scope.Prepend("gl").Append(termId));

    /// <summary>
    /// Removes the tooltips from HTML this pipeline rendered, so text taken from it (search, the Lab's language model)
    /// holds what the author wrote and not every definition linked from it. Authored text cannot forge a tooltip: raw
    /// HTML is rendered as text.
    /// </summary>
    public static string RemoveTips(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Contains("term-tip", StringComparison.Ordinal) ? Tip().Replace(html, "") : html;
    }

    /// <summary>Links the first use of each term in <paramref name="blocks"/> (in document order) to the glossary.</summary>
    /// <param name="scope">What the tooltip ids are made unique by: the item id, then the slide or card.</param>
    internal static void Link(Glossary glossary, IEnumerable<Block> blocks, IReadOnlyList<string> scope)
    {
        if (glossary.Matcher.IsEmpty)
        {
            return;
        }

        var state = new LinkState(glossary.Matcher, scope, []);
        foreach (var block in blocks)
        {
            VisitBlock(block, state);
        }
    }

    private static void VisitBlock(Block block, LinkState state)
    {
        switch (block)
        {
            case HeadingBlock:
            case CodeBlock:
                return;
            case LeafBlock { Inline: { } inline }:
                VisitInlines(inline, state);
                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    VisitBlock(child, state);
                }

                return;
        }
    }

    private static void VisitInlines(ContainerInline container, LinkState state)
    {
        JoinText(container);
        var node = container.FirstChild;
        while (node is not null)
        {
            var next = node.NextSibling;
            switch (node)
            {
                case LinkInline or AutolinkInline or CodeInline or HtmlInline or GlossaryTermInline:
                    break;
                case LiteralInline literal when !ImageResolver.IsAltText(literal):
                    LinkLiteral(literal, state);
                    break;
                case ContainerInline inner:
                    VisitInlines(inner, state);
                    break;
            }

            node = next;
        }
    }

    /// <summary>
    /// Joins neighbouring literals (Markdig splits text at characters that might start markup, like '_') and soft line
    /// breaks between them, so a term written across them is still found. A soft break renders as white space either way.
    /// </summary>
    private static void JoinText(ContainerInline container)
    {
        for (var node = container.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is not LiteralInline first || ImageResolver.IsAltText(first))
            {
                continue;
            }

            StringBuilder? text = null;
            var next = first.NextSibling;
            while ((next is LiteralInline l && !ImageResolver.IsAltText(l))
                || (next is LineBreakInline { IsHard: false } && next.NextSibling is LiteralInline following && !ImageResolver.IsAltText(following)))
            {
                text ??= new StringBuilder(first.Content.ToString());
                text.Append(next is LiteralInline literal ? literal.Content.ToString() : " ");
                var after = next.NextSibling;
                next.Remove();
                next = after;
            }

            if (text is not null)
            {
                first.Content = new StringSlice(text.ToString());
            }
        }
    }

    private static void LinkLiteral(LiteralInline literal, LinkState state)
    {
        var text = literal.Content.ToString();
        var position = 0;
        foreach (var match in state.Matcher.Matches(text))
        {
            // A later use of a term stays text, and being the longest name there, keeps shorter names out of it.
            if (!state.Used.Add(match.Term.Id))
            {
                continue;
            }

            if (match.Start > position)
            {
                literal.InsertBefore(new LiteralInline(text[position..match.Start]));
            }

            var term = new GlossaryTermInline(match.Term, TipId(state.Scope, match.Term.Id));
            term.AppendChild(new LiteralInline(text.Substring(match.Start, match.Length)));
            literal.InsertBefore(term);
            position = match.Start + match.Length;
        }

        if (position == 0)
        {
            return;
        }

        if (position < text.Length)
        {
            literal.InsertBefore(new LiteralInline(text[position..]));
        }

        literal.Remove();
    }

    [GeneratedRegex("<span class=\"term-tip\"[^>]*>.*?</span>", RegexOptions.Singleline)]
    private static partial Regex Tip();

    private sealed record LinkState(GlossaryMatcher Matcher, IReadOnlyList<string> Scope, HashSet<string> Used);
}

/// <summary>A use of a glossary term; its child is the text as written.</summary>
public sealed class GlossaryTermInline(GlossaryTerm term, string tipId) : ContainerInline
{
    public GlossaryTerm Term { get; } = term;

    /// <summary>The tooltip's element id, unique on any page that shows this scope.</summary>
    public string TipId { get; } = tipId;
}

/// <summary>Registers the renderer of <see cref="GlossaryTermInline"/> in a pipeline's HTML renderer.</summary>
public sealed class GlossaryExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<GlossaryTermRenderer>())
        {
            html.ObjectRenderers.Add(new GlossaryTermRenderer());
        }
    }
}

/// <summary>
/// <c>&lt;span class="term"&gt;&lt;a class="term-link" href="/glossary#id" aria-describedby="…"&gt;text&lt;/a&gt;&lt;span class="term-tip" role="tooltip" id="…"&gt;…&lt;/span&gt;&lt;/span&gt;</c>:
/// the link works everywhere; the tooltip holds the term's name and the first sentence of its definition.
/// </summary>
internal sealed class GlossaryTermRenderer : HtmlObjectRenderer<GlossaryTermInline>
{
    protected override void Write(HtmlRenderer renderer, GlossaryTermInline obj)
    {
        if (!renderer.EnableHtmlForInline)
        {
            renderer.WriteChildren(obj);
            return;
        }

        renderer.Write("<span class=\"term\"><a class=\"term-link\" href=\"").WriteEscapeUrl(GlossaryMarkup.TermUrl(obj.Term.Id))
            .Write("\" aria-describedby=\"").WriteEscape(obj.TipId).Write("\">");
        renderer.WriteChildren(obj);
        renderer.Write("</a><span class=\"term-tip\" role=\"tooltip\" id=\"").WriteEscape(obj.TipId).Write("\"><strong>")
            .WriteEscape(obj.Term.Term).Write("</strong> ").WriteEscape(obj.Term.Summary).Write("</span></span>");
    }
}
