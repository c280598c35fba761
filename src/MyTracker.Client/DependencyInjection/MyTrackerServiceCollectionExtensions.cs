using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MyTracker.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MyTrackerClient"/> with <c>IHttpClientFactory</c> as its transport.</summary>
public static class MyTrackerServiceCollectionExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client the toolkit sends through.</summary>
    public const string HttpClientName = "MyTracker";

    /// <summary>
    /// Registers a singleton <see cref="MyTrackerClient"/> whose transport comes from
    /// <c>IHttpClientFactory</c>. The client adds the same resilience pipeline as every other
    /// constructor (<see cref="MyTrackerClientOptions.Retry"/>, <see cref="MyTrackerClientOptions.Timeout"/>):
    /// transient faults, 408, 429 and 5xx are retried for GET (status polls, downloads) but not for
    /// create.json's POST, because a repeated create.json could start a second export.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets base address, credentials and the rest of <see cref="MyTrackerClientOptions"/>.</param>
    /// <returns>
    /// The HTTP client builder, to add transport handlers or change the primary handler. Do not add a
    /// resilience handler there: the client already retries, and requests would be retried twice over.
    /// </returns>
    public static IHttpClientBuilder AddMyTrackerClient(this IServiceCollection services, Action<MyTrackerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MyTrackerClientOptions>().Configure(configure);

        var builder = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(MyTrackerClient.CreatePrimaryHandler)

            // The singleton keeps its HttpClient; PooledConnectionLifetime on the primary handler renews connections instead.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The factory's default loggers redact header values in the message text but still carry
            // them raw in the structured state, where any structured sink would store the signature
            // (which, having no timestamp, can be replayed). The client logs its own redacted lines instead.
            .RemoveAllLoggers()
            .RedactLoggedHeaders(_ => true);

        services.TryAddSingleton(sp => new MyTrackerClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<MyTrackerClientOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        return builder;
    }
}
