using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LlmCourse.Web.Email;

/// <summary>Where the outbox sender hands messages: an SMTP server, or a folder of <c>.eml</c> files in Development.</summary>
public interface IMailTransport
{
    /// <summary>Opens a connection for one batch; failing here means nothing in the batch was sent.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

public interface IMailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>MailKit over SMTP with <c>Email:Smtp:*</c>: one connection (and one login) per batch.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds)).TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or OperationCanceledException)
            {
                // The messages are already accepted or rescheduled; a failed goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// Development without an SMTP server: each message becomes an <c>.eml</c> file (open it with any mail program),
/// and the log names the file, so README's first command still needs nothing else.
/// </summary>
public sealed class PickupFolderTransport(MailSetup setup, TimeProvider clock, ILogger<PickupFolderTransport> logger) : IMailTransport, IMailConnection
{
    public Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(setup.PickupFolder!);
        return Task.FromResult<IMailConnection>(this);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var name = $"{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(setup.PickupFolder!, name);

        // Written under another name first, so a reader never sees half a message.
        var partial = path + ".part";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        logger.LogInformation("Mail to {To} written to {File}", message.To.ToString(), path);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
