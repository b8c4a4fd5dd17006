using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 inside the test process. What arrives is parsed with
/// MimeKit and kept with its envelope. <see cref="RefuseNext"/> makes it answer the next messages with a
/// temporary failure (451), as a busy server does; <see cref="Port"/> can be handed out before the server starts,
/// so a test can begin with the server down.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly Store _store;
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private int _disposed;

    public SmtpTestServer(bool start = true)
    {
        _store = new Store();
        Port = FreePort();
        if (start)
        {
            Start();
        }
    }

    public int Port { get; }

    /// <summary>Every message accepted so far, in order of arrival.</summary>
    public IReadOnlyList<Received> Messages => [.. _store.Accepted];

    /// <summary>Transactions answered with 451 so far.</summary>
    public int Refused => _store.RefusedCount;

    /// <summary>The next <paramref name="count"/> messages get "451 try again later".</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _store.ToRefuse, count);

    public bool IsRunning => _server is not null;

    public void Start()
    {
        if (_server is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _ = _server.StartAsync(_stop.Token);
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages have arrived; fails with what did arrive.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_store.Accepted.Count < count)
        {
            try
            {
                await _store.Arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} messages; {_store.Accepted.Count} arrived: {string.Join("; ", Messages.Select(m => m.Message.Subject))}");
            }
        }

        return Messages;
    }

    /// <summary>Waits (bounded) for a message to <paramref name="address"/> whose subject starts with <paramref name="subject"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, string subject, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (To(address).FirstOrDefault(m => m.Subject?.StartsWith(subject, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            try
            {
                await _store.Arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No message \"{subject}…\" to {address} arrived; {Messages.Count} others did.");
            }
        }
    }

    /// <summary>The messages sent to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(m => m.Message)];

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_server is not null)
        {
            _server.Shutdown();
            _stop?.Cancel();
            try
            {
                _server.ShutdownTask.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Cancelled sessions end with an exception; the server is down either way.
            }
        }

        _stop?.Dispose();
    }

    /// <summary>A message as it arrived: the envelope's recipients (RCPT TO) and the parsed message.</summary>
    public sealed record Received(IReadOnlyList<string> Recipients, MimeMessage Message, byte[] Raw);

    private sealed class Store : MessageStore
    {
        public readonly ConcurrentQueue<Received> Accepted = new();
        public readonly SemaphoreSlim Arrived = new(0);
        public int ToRefuse;
        public int RefusedCount;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref ToRefuse) >= 0)
            {
                Interlocked.Increment(ref RefusedCount);
                return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later");
            }

            Interlocked.Exchange(ref ToRefuse, 0);
            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var recipients = transaction.To.Select(t => $"{t.User}@{t.Host}").ToList();
            Accepted.Enqueue(new Received(recipients, message, raw));
            Arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
