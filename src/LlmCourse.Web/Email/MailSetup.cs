using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Email;

/// <summary>
/// How this instance sends mail, decided once from the settings: over SMTP when <c>Email:Smtp:Host</c> is set;
/// else, in Development and Testing only, into a pickup folder of <c>.eml</c> files; else not at all, and the
/// flows that need mail say so (<see cref="Problem"/>) instead of pretending.
/// </summary>
public sealed class MailSetup
{
    private readonly EmailOptions _options;
    private readonly IServiceProvider _services;
    private readonly bool _development;

    public MailSetup(IOptions<EmailOptions> options, IHostEnvironment environment, IConfiguration configuration, IServiceProvider services)
    {
        _options = options.Value;
        _services = services;
        _development = IsDevelopmentLike(environment);
        if (UsesSmtp)
        {
            PickupFolder = null;
        }
        else if (_development)
        {
            PickupFolder = _options.PickupFolder is { Length: > 0 } folder
                ? Path.GetFullPath(folder, environment.ContentRootPath)
                : DefaultPickupFolder(configuration, environment.ContentRootPath);
        }

        Problem = !UsesSmtp && PickupFolder is null
            ? "Email:Smtp:Host is not set: this site sends no mail."
            : UsesSmtp && !_development && string.IsNullOrWhiteSpace(_options.SiteUrl)
                ? "Email:SiteUrl is not set, so links in mail would have no address: no mail is sent."
                : !MimeKit.MailboxAddress.TryParse(_options.Smtp.From, out _)
                    ? "Email:Smtp:From is not an address (write it as Name <address>): no mail is sent."
                    : null;
    }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(_options.Smtp.Host);

    /// <summary>Where messages are written as files, when there is no SMTP server (Development and Testing).</summary>
    public string? PickupFolder { get; }

    /// <summary>Why this site cannot send mail; null when it can.</summary>
    public string? Problem { get; }

    public bool CanSend => Problem is null;

    /// <summary>What the start-up log says about mail.</summary>
    public string Describe() =>
        Problem ?? (UsesSmtp
            ? $"Mail goes to {_options.Smtp.Host}:{_options.Smtp.Port} ({_options.Smtp.Security}) from {_options.Smtp.From}; links start with {SiteUrl()}."
            : $"No SMTP host: mail is written as .eml files to {PickupFolder}; links start with {SiteUrl()}.");

    /// <summary>
    /// The address links in mail start with, without a trailing slash: <c>Email:SiteUrl</c>, else (Development and
    /// Testing) where this server listens, else <c>http://localhost:5000</c>.
    /// </summary>
    public string SiteUrl()
    {
        if (_options.SiteUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var listening = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is not null && Uri.TryCreate(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
        }

        return "http://localhost:5000";
    }

    /// <summary>An absolute link to a path of this site (<paramref name="pathAndQuery"/> starts with '/').</summary>
    public string Link(string pathAndQuery) => SiteUrl() + pathAndQuery;

    /// <summary>
    /// Whether signing in needs a confirmed address (<c>Accounts:RequireConfirmedEmail</c>). Unset, it is false in
    /// Development and Testing and, elsewhere, true exactly when mail can be sent: a site that cannot send the
    /// confirmation must not ask for it.
    /// </summary>
    public static bool RequireConfirmedEmail(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetValue<bool?>("Accounts:RequireConfirmedEmail") is { } set)
        {
            return set;
        }

        return !IsDevelopmentLike(environment)
            && !string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"])
            && !string.IsNullOrWhiteSpace(configuration["Email:SiteUrl"]);
    }

    private static bool IsDevelopmentLike(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>data/mail next to the SQLite file (the data folder), else under the content root.</summary>
    private static string DefaultPickupFolder(IConfiguration configuration, string contentRoot)
    {
        if (DatabaseProvider.IsSqlite(configuration) && configuration.GetConnectionString("Default") is { Length: > 0 } cs)
        {
            try
            {
                var file = new SqliteConnectionStringBuilder(cs).DataSource;
                if (!string.IsNullOrEmpty(file) && file != ":memory:")
                {
                    return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file, contentRoot))!, "mail");
                }
            }
            catch (ArgumentException)
            {
                // Not a connection string this builder reads: use the default folder.
            }
        }

        return Path.Combine(contentRoot, "data", "mail");
    }
}
