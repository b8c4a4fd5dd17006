using System.Diagnostics;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Deployment;

/// <summary>No Docker engine runs here, so the compose file is checked with Debian's docker-compose.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task ComposeFile_IsValid_AndDescribesTheTopology()
    {
        var (code, output, error) = await RunAsync("docker-compose", "-f docker-compose.yml config");
        Assert.True(code == 0, $"docker-compose config failed: {error}");

        foreach (var service in new[] { "db:", "web1:", "web2:", "lb:", "mailpit:" })
        {
            Assert.Contains("\n  " + service, output);
        }

        Assert.Contains("pgdata:", output);
        Assert.Contains("condition: service_healthy", output);
        Assert.Contains("Database__Provider: Postgres", output);
        Assert.Contains("ReverseProxy__KnownProxies__0: 172.28.0.10", output);
        Assert.Contains("ipv4_address: 172.28.0.10", output);
        Assert.Equal(5, output.Split("\n    healthcheck:").Length - 1);

        // Both instances send their mail to the Mailpit catcher (SMTP on 1025, no TLS inside the network).
        Assert.Equal(2, output.Split("Email__Smtp__Host: mailpit").Length - 1);
        Assert.Equal(2, output.Split("Email__Smtp__Port: '1025'").Length - 1 + output.Split("Email__Smtp__Port: \"1025\"").Length - 1);
        Assert.Equal(2, output.Split("Email__Smtp__Security: none").Length - 1);
    }

    [Fact]
    public void Dockerfile_IsMultiStage_AndRunsAsNonRoot()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", text);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", text);
        Assert.Contains("COPY --from=build", text);
        Assert.Contains("USER app", text);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("docker-compose is not installed: apt-get install docker-compose (tests/run-all.sh does).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}
