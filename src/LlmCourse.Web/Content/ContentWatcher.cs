using LlmCourse.Core.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Observability;

namespace LlmCourse.Web.Content;

/// <summary>
/// Loads the course at start-up (importing the content folder into an empty database first) and, where
/// watching is on, imports files of the folder as they are edited. Only files that changed in the folder
/// since it was last read are imported, so edits made in the browser to other files are kept.
/// Editors save files in bursts (temp file, rename, touch), so events are debounced.
/// </summary>
public sealed partial class ContentWatcher(
    CourseStore store, ContentOptions options, IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    private Dictionary<string, string> _folder = new(StringComparer.Ordinal);
    private Dictionary<string, string> _folderImages = new(StringComparer.Ordinal);

    /// <summary>How long a failed import waits before it is tried again.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private bool Watching => options.Watch ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before the server accepts requests so /healthz and pages never see an empty course.
        var files = Directory.Exists(options.Path) ? ContentDirectory.ReadFiles(options.Path) : [];
        var images = ReadImages();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var repository = scope.ServiceProvider.GetRequiredService<ContentRepository>();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().WithStartupLockAsync(async () =>
            {
                if (files.Count > 0 && !await repository.AnyAsync(cancellationToken))
                {
                    await repository.ImportAsync(files, images, ContentRepository.FolderActor, $"first start: {options.Path}", cancellationToken);
                }
            }, cancellationToken);
        }

        _folder = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        _folderImages = images.ToDictionary(i => i.Path, i => ContentRules.Hash(i.Bytes), StringComparer.Ordinal);
        await store.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Watching)
        {
            return;
        }

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

        var failures = 0;
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

                await ImportFolderChangesAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A file may vanish between the event and the read, or the database may be briefly unreachable:
                // neither may stop the host. The folder state was not advanced, so a retry imports the same changes.
                // Three quick retries cover a restarting database; a change that can never be stored waits for the next edit.
                LogReloadFailed(logger, ex);
                if (++failures > 3)
                {
                    failures = 0;
                    continue;
                }

                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                signal.Release();
            }
        }
    }

    private async Task ImportFolderChangesAsync(CancellationToken cancellationToken)
    {
        var now = ContentDirectory.ReadFiles(options.Path).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var changes = now.Where(f => !_folder.TryGetValue(f.Key, out var old) || old != f.Value)
            .Select(f => new ContentChange(f.Key, f.Value))
            .Concat(_folder.Keys.Where(p => !now.ContainsKey(p)).Select(p => new ContentChange(p, null)))
            .ToList();
        var images = ReadImages().ToDictionary(i => i.Path, StringComparer.Ordinal);
        var imageHashes = images.ToDictionary(i => i.Key, i => ContentRules.Hash(i.Value.Bytes), StringComparer.Ordinal);
        var imageChanges = imageHashes.Where(i => !_folderImages.TryGetValue(i.Key, out var old) || old != i.Value)
            .Select(i => new AssetChange(i.Key, images[i.Key].Bytes))
            .Concat(_folderImages.Keys.Where(p => !imageHashes.ContainsKey(p)).Select(p => new AssetChange(p, null)))
            .ToList();
        if (changes.Count + imageChanges.Count > 0)
        {
            using var pass = SiteTelemetry.StartPass("content-watcher");
            pass.Activity?.SetTag("llmcourse.content.files", changes.Count + imageChanges.Count);
            await using var scope = scopes.CreateAsyncScope();
            var repository = scope.ServiceProvider.GetRequiredService<ContentRepository>();
            var target = changes.Count + imageChanges.Count == 1 ? changes.Select(c => c.Path).Concat(imageChanges.Select(c => c.Path)).Single() : "content folder";
            try
            {
                await repository.ApplyAsync(changes, imageChanges, ContentRepository.FolderActor, "import", target, "edited in the content folder", cancellationToken);
            }
            catch (Exception ex)
            {
                pass.Failed(ex);
                throw;
            }

            SiteTelemetry.RecordContentImport(changes.Count + imageChanges.Count);
            pass.Succeeded();
        }

        // Only once the changes are stored: a failed import is retried with the same changes.
        _folder = now;
        _folderImages = imageHashes;
    }

    /// <summary>The folder's images, leaving out (with a warning) any too big to store; the loader reports the rest of what is wrong with them.</summary>
    private List<ContentAsset> ReadImages()
    {
        var images = Directory.Exists(options.Path) ? ContentDirectory.ReadAssets(options.Path) : [];
        foreach (var image in images.Where(ContentDirectory.IsTruncated))
        {
            LogImageTooBig(logger, image.Path, CourseAssets.MaxBytes);
        }

        return [.. images.Where(i => !ContentDirectory.IsTruncated(i))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content image {Path} is larger than {Limit} bytes and was not imported.")]
    private static partial void LogImageTooBig(ILogger logger, string path, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content folder {Path} does not exist; live reload is off.")]
    private static partial void LogMissingFolder(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content import failed; keeping the current course until a retry or the next edit stores the changes.")]
    private static partial void LogReloadFailed(ILogger logger, Exception ex);
}
