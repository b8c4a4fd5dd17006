using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// The site as a real process (the built LlmCourse.Web.dll) on a 127.0.0.1 port, for tests that kill,
/// restart or balance instances. Output goes to a log file in <paramref name="workDir"/>; waits are bounded.
/// </summary>
/// <param name="connectionString">Overrides the database's connection string (the load test pools SQLite connections, as production does).</param>
public sealed class SiteProcess(string workDir, TestDatabase database, string contentDir, string name, string? connectionString = null) : IDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Url => $"http://127.0.0.1:{Port}";

    public string LogFile => Path.Combine(workDir, $"{name}.log");

    /// <summary>CPU time the site has used so far (user and kernel), for load tests that say where the time went.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void Start()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "LlmCourse.Web.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{app}\" --urls {Url}")
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "src", "LlmCourse.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_CONTENTROOT"] = Path.Combine(RepoPaths.Root, "src", "LlmCourse.Web");
        env["Database__Provider"] = database.Provider;
        env["ConnectionStrings__Default"] = connectionString ?? database.ConnectionString;
        env["Content__Path"] = contentDir;
        env["ReverseProxy__KnownProxies__0"] = "127.0.0.1";
        env["Security__RequireHttps"] = "false";
        env["RateLimits__SignInPerMinute"] = "100000";
        env["RateLimits__RegisterPerMinute"] = "100000";
        env["RateLimits__TokenCreationPerMinute"] = "100000";
        env["RateLimits__ApiPerMinute"] = "10000000";
        env["Logging__Console__FormatterName"] = "simple";

        _process = Process.Start(start)!;
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Ends the process at once (SIGKILL): no graceful shutdown, as in a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does, and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", $"-TERM {_process!.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    public Task WaitReadyAsync() => WaitReadyAsync(Url, LogFile);

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    public static async Task WaitReadyAsync(string url, string? logFile = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync(url + "/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        var log = logFile is not null && File.Exists(logFile) ? File.ReadAllText(logFile) : "";
        throw new TimeoutException($"{url} did not become ready within 90 s.\n{log[^Math.Min(log.Length, 3000)..]}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
