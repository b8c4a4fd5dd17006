using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Playwright;

// One site and one browser at a time: two of each on a two-core CI machine starve each other, and a page
// that takes many seconds to arrive fails a test for no fault of the site.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LlmCourse.BrowserTests.Infrastructure;

/// <summary>
/// The real site on Kestrel at 127.0.0.1 (random port) over a private copy of the course, and Debian's
/// Chromium driven by Playwright. Chromium is never downloaded: a missing browser fails with a message.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "llmcourse-browser", Guid.NewGuid().ToString("N"));
    private SiteFactory? _factory;
    private TestDatabase? _database;
    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _openContexts = [];

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string ContentDir => Path.Combine(_workDir, "content");

    /// <summary>The SMTP server (on 127.0.0.1) the site sends its mail to.</summary>
    public SmtpTestServer Mail { get; } = new();

    /// <summary>The site's TimeProvider: real time unless a test moves <see cref="AdjustableClock.Offset"/> (and restores it).</summary>
    public AdjustableClock Clock { get; } = new();

    /// <summary>The site's services, for tests that set up accounts or content directly.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The site is not started.");

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> at the repository root (kept by CI).</summary>
    public static string ArtifactsDir { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install Debian's package: apt-get install -y chromium " +
                "(the test script in README does this).");
        }

        CopyTree(Path.Combine(RepoRoot(), "content"), ContentDir);
        PrepareContent(ContentDir);
        _database = TestDatabase.Create(_workDir);
        _factory = new SiteFactory(_workDir, _database, Clock, Mail.Port);
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');

        // Assertions wait as long as actions do: on a small CI machine a page can take seconds to arrive.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ArtifactsDir);
    }

    /// <summary>A fixture that needs extra course content writes it here, before the site starts.</summary>
    protected virtual void PrepareContent(string contentDir)
    {
    }

    /// <summary>
    /// A page in a new browser context. The site's service worker (offline reading) is blocked unless a test asks for it:
    /// it fetches a public copy of every page visited and its assets, work that only the offline tests look at and that
    /// competes with the test for a small machine's two cores.
    /// </summary>
    public async Task<IPage> NewPageAsync(
        int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light, ReducedMotion motion = ReducedMotion.NoPreference, bool serviceWorkers = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme,
            ReducedMotion = motion,
            ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });
        // Generous: CI machines are small and a cold first request compiles Razor views.
        context.SetDefaultTimeout(30_000);
        lock (_openContexts)
        {
            _openContexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    /// <summary>Closes every page opened by <see cref="NewPageAsync"/> so far (called by <see cref="BrowserTest"/> after each test).</summary>
    public async Task CloseOpenPagesAsync()
    {
        IBrowserContext[] contexts;
        lock (_openContexts)
        {
            contexts = [.. _openContexts];
            _openContexts.Clear();
        }

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _database?.Dispose();
        Mail.Dispose();

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCourse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LlmCourse.sln not found above the test binary.");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private sealed class SiteFactory(string workDir, TestDatabase database, TimeProvider clock, int smtpPort) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Content:Path", Path.Combine(workDir, "content"));
            builder.UseSetting("RateLimits:SignInPerMinute", "100000");
            builder.UseSetting("RateLimits:RegisterPerMinute", "100000");
            builder.UseSetting("Database:Provider", database.Provider);
            builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:Security", "None");
            builder.UseSetting("Email:Outbox:PollSeconds", "1");
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
