namespace LlmCourse.Web.Content;

/// <summary>
/// Loads the course at start-up and reloads it when a file under the content folder changes.
/// Editors save files in bursts (temp file, rename, touch), so events are debounced.
/// </summary>
public sealed partial class ContentWatcher(CourseStore store, ContentOptions options, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before the server accepts requests so /healthz and pages never see an empty course.
        store.Reload();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Directory.Exists(options.Path))
        {
            LogMissingFolder(logger, options.Path);
            return;
        }

        var signal = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(options.Path)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void OnChange(object sender, FileSystemEventArgs e) => signal.Release();
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.EnableRaisingEvents = true;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken);
                await Task.Delay(options.ReloadDelay, stoppingToken);
                while (signal.CurrentCount > 0)
                {
                    signal.Wait(0);
                }

                store.Reload();
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file may vanish between the event and the read; the next event reloads again.
                LogReloadFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content folder {Path} does not exist; live reload is off.")]
    private static partial void LogMissingFolder(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content reload failed; keeping the current course.")]
    private static partial void LogReloadFailed(ILogger logger, Exception ex);
}
