using System.Diagnostics;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Deployment;

/// <summary>
/// The docker-compose topology run natively on 127.0.0.1: PostgreSQL, two site processes and nginx
/// balancing over them. Every process is started here and stopped on dispose; waits are bounded.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "llmcourse-cluster", Guid.NewGuid().ToString("N"));
    private readonly List<Process> _processes = [];
    private TestDatabase? _database;

    public string BalancerUrl { get; private set; } = "";

    public SiteProcess[] Instances { get; private set; } = [];

    public string AccessLog => Path.Combine(_dir, "nginx", "access.log");

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/sbin/nginx"))
        {
            throw new InvalidOperationException("nginx is not installed: apt-get install nginx (tests/run-all.sh does).");
        }

        RepoPaths.CopyTree(RepoPaths.Content, Path.Combine(_dir, "content"));
        _database = TestDatabase.Create(_dir, "Postgres");
        var content = Path.Combine(_dir, "content");
        Instances = [new SiteProcess(_dir, _database, content, "site1"), new SiteProcess(_dir, _database, content, "site2")];
        foreach (var instance in Instances)
        {
            instance.Start();
        }

        foreach (var instance in Instances)
        {
            await instance.WaitReadyAsync();
        }

        var port = SiteProcess.FreePort();
        StartNginx(port);
        BalancerUrl = $"http://127.0.0.1:{port}";
        await SiteProcess.WaitReadyAsync(BalancerUrl);
    }

    public async Task DisposeAsync()
    {
        foreach (var site in Instances)
        {
            site.Dispose();
        }

        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        _database?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void StartNginx(int port)
    {
        var root = Path.Combine(_dir, "nginx");
        Directory.CreateDirectory(root);
        foreach (var sub in new[] { "client", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(root, sub));
        }

        var upstreams = string.Join("\n", Instances.Select(i => $"    server 127.0.0.1:{i.Port} max_fails=1 fail_timeout=2s;"));
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 256; }
            http {
              log_format combined_upstream '$request $status $upstream_addr';
              access_log {{root}}/access.log combined_upstream;
              client_body_temp_path {{root}}/client;
              proxy_temp_path {{root}}/proxy;
              fastcgi_temp_path {{root}}/fastcgi;
              uwsgi_temp_path {{root}}/uwsgi;
              scgi_temp_path {{root}}/scgi;
              upstream llmcourse {
            {{upstreams}}
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://llmcourse;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host:$server_port;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_next_upstream error timeout http_502 http_503;
                  proxy_next_upstream_tries 2;
                }
              }
            }
            """;
        File.WriteAllText(Path.Combine(root, "nginx.conf"), config);

        var start = new ProcessStartInfo("/usr/sbin/nginx", $"-p {root} -c {root}/nginx.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _processes.Add(Process.Start(start)!);
    }
}
