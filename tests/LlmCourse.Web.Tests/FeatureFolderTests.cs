using System.Reflection;
using System.Reflection.Emit;

namespace LlmCourse.Web.Tests;

/// <summary>
/// Issue 14, point 2: feature folders (one namespace each, <c>LlmCourse.Web.&lt;Feature&gt;</c>) depend on each other
/// one way only. Read from the compiled site: every type's signatures, attributes and method bodies (the IL's
/// references to other types, methods and fields), so a dependency cannot hide in a using directive that is
/// not there, or in a lambda. Pages are the top layer and Hosting the composition root: both may use any
/// feature, and no feature uses them.
/// </summary>
public sealed class FeatureFolderTests
{
    private const string Pages = "Pages";
    private const string Hosting = "Hosting";
    private const string Root = "(Program)";

    private static readonly Lazy<Dictionary<(string From, string To), string>> Edges = new(ReadEdges);

    [Fact]
    public void Features_DependOnEachOtherOneWay()
    {
        var features = Edges.Value.Keys.Where(e => !IsTop(e.From) && !IsTop(e.To)).ToList();
        var cycles = new List<string>();
        foreach (var (from, to) in features)
        {
            if (Path(to, from, features) is { } back)
            {
                cycles.Add($"{from} -> {to} ({Edges.Value[(from, to)]}), and back: {string.Join(" -> ", back)}");
            }
        }

        Assert.True(cycles.Count == 0, "Feature folders depend on each other in a cycle:\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void Hosting_IsUsedOnlyByProgram()
    {
        var users = Edges.Value.Where(e => e.Key.To == Hosting && e.Key.From != Root).Select(e => $"{e.Key.From}: {e.Value}").ToList();
        Assert.True(users.Count == 0, "Only Program.cs composes the site; these use Hosting:\n" + string.Join('\n', users));
    }

    [Fact]
    public void Features_DoNotUsePages()
    {
        var users = Edges.Value.Where(e => e.Key.To == Pages && !IsTop(e.Key.From)).Select(e => $"{e.Key.From}: {e.Value}").ToList();
        Assert.True(users.Count == 0, "Pages sit on top of the features; these features use pages:\n" + string.Join('\n', users));
    }

    [Theory]
    [InlineData("Content", "Instructor")]
    [InlineData("Content", "Search")]
    [InlineData("Content", "Accounts")]
    [InlineData("Progress", "Dashboard")]
    [InlineData("Quizzes", "Instructor")]
    [InlineData("Data", "Accounts")]
    public void OldCycle_IsGone(string from, string to)
    {
        // Issue 14 found Content and Publishing using each other, the dashboard inside Progress, the instructors'
        // quiz reports inside Quizzes; Roles sat in Accounts, which Data and Content both needed.
        Assert.False(Edges.Value.TryGetValue((from, to), out var where), $"{from} uses {to}: {where}");
        Assert.Contains(Edges.Value.Keys, e => e.From == to || e.To == to);
    }

    [Fact]
    public void Reader_SeesDependenciesInsideMethodBodies()
    {
        // The reader must see through lambdas and async state machines, or the tests above prove nothing:
        // the instructor area uses Quizzes, and Dashboard reads the session Accounts confirmed, both only in code.
        Assert.Contains(("Instructor", "Quizzes"), Edges.Value.Keys);
        Assert.Contains(("Dashboard", "Accounts"), Edges.Value.Keys);
        Assert.Contains((Root, Hosting), Edges.Value.Keys);
    }

    private static bool IsTop(string feature) => feature is Pages or Hosting or Root;

    /// <summary>A path of edges from <paramref name="from"/> to <paramref name="to"/>, if there is one.</summary>
    private static List<string>? Path(string from, string to, List<(string From, string To)> edges)
    {
        var previous = new Dictionary<string, string?> { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var at))
        {
            if (at == to)
            {
                var path = new List<string>();
                for (string? step = at; step is not null; step = previous[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var (_, next) in edges.Where(e => e.From == at))
            {
                if (previous.TryAdd(next, at))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static Dictionary<(string From, string To), string> ReadEdges()
    {
        var assembly = typeof(Program).Assembly;
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Referenced(type).Where(t => t.Assembly == assembly))
            {
                if (FeatureOf(used) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{Outermost(type).FullName} uses {Outermost(used).FullName}");
                }
            }
        }

        return edges;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    /// <summary>The feature a type belongs to; null for the compiler's own helpers (collection wrappers, data blobs).</summary>
    private static string? FeatureOf(Type type)
    {
        var outermost = Outermost(type);
        var ns = outermost.Namespace;
        if (ns is null)
        {
            return outermost.Name.StartsWith('<') ? null : Root;
        }

        if (ns == "AspNetCoreGeneratedDocument")
        {
            // The compiled .cshtml files.
            return Pages;
        }

        var parts = ns.Split('.');
        return parts.Length > 2 && parts[0] == "LlmCourse" && parts[1] == "Web" ? parts[2] : Root;
    }

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static IEnumerable<Type> Referenced(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }

                t = t.GetGenericTypeDefinition();
            }

            if (!t.IsGenericParameter)
            {
                found.Add(t);
            }
        }

        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
                {
                    Add(argument.ArgumentType);
                    Add(argument.Value as Type);
                }
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        AddAttributes(type.CustomAttributes);
        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType);
            AddAttributes(field.CustomAttributes);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType);
            AddAttributes(property.CustomAttributes);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            AddAttributes(method.CustomAttributes);
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var used in InBody(method))
            {
                Add(used);
            }
        }

        return found;
    }

    /// <summary>The types a method body names: what it calls, creates, casts to, and whose fields it touches.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE && at + 1 < il.Length ? (short)(0xFE00 | il[at + 1]) : il[at];
            if (!OpCodesByValue.TryGetValue(value, out var code))
            {
                yield break;
            }

            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    MemberInfo? member = null;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A token this reflection context cannot resolve (rare in generic code): skipped.
                    }

                    switch (member)
                    {
                        case Type named:
                            yield return named;
                            break;
                        case FieldInfo field:
                            yield return field.DeclaringType!;
                            yield return field.FieldType;
                            break;
                        case MethodBase called:
                            yield return called.DeclaringType!;
                            if (called is MethodInfo { IsGenericMethod: true } generic)
                            {
                                foreach (var argument in generic.GetGenericArguments())
                                {
                                    yield return argument;
                                }
                            }

                            break;
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    at += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
            }
        }
    }
}
