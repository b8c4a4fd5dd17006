using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>Two instances on one database: what one issues, the other accepts.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task SignInCookieAndAntiforgeryToken_FromOneInstance_AreAcceptedByAnother()
    {
        using var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "llmcourse-keys", Guid.NewGuid().ToString("N")));
        using var first = new Instance(database);
        using var second = new Instance(database);

        // One browser (one cookie jar) talking to two instances, as behind a load balancer without sticky sessions.
        var jar = new CookieContainer();
        var onFirst = first.CreateDefaultClient(new CookieContainerHandler(jar));
        var onSecond = second.CreateDefaultClient(new CookieContainerHandler(jar));

        await TestAccounts.RegisterAsync(onFirst);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/dashboard")).StatusCode);
        var token = await TestAccounts.AntiforgeryTokenAsync(onFirst, "/dashboard");

        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/dashboard")).StatusCode);
        using var write = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/progress/weeks/7/items/lecture/slides/2");
        write.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await onSecond.SendAsync(write)).StatusCode);

        await using var scope = second.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AnyAsync());
    }

    [Fact]
    public async Task KeysAreEncryptedAtRest_WhenACertificateIsConfigured()
    {
        var dir = Directory.CreateTempSubdirectory("llmcourse-cert-").FullName;
        var pfx = Path.Combine(dir, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=LlmCourse data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        using var database = TestDatabase.Create(dir);
        using var instance = new Instance(database, ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "pfx-password"));
        await TestAccounts.RegisterAsync(instance);

        await using var scope = instance.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    private sealed class Instance(TestDatabase database, params (string Key, string Value)[] settings) : CourseAppFactory(database)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}
