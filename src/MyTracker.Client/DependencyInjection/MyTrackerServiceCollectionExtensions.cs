using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MyTracker.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MyTrackerClient"/> with <c>IHttpClientFactory</c> and the standard resilience handler.</summary>
public static class MyTrackerServiceCollectionExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client the toolkit sends through.</summary>
    public const string HttpClientName = "MyTracker";

    /// <summary>
    /// Registers a singleton <see cref="MyTrackerClient"/> whose transport comes from
    /// <c>IHttpClientFactory</c> with the standard resilience handler: transient faults, 408, 429 and
    /// 5xx are retried for GET (status polls, downloads) but never for POST, because retrying
    /// create.json blindly could start a second export.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets base address, credentials and the rest of <see cref="MyTrackerClientOptions"/>.</param>
    /// <param name="configureResilience">Adjusts the standard resilience options (the POST exclusion is applied after it).</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddMyTrackerClient(
        this IServiceCollection services,
        Action<MyTrackerClientOptions> configure,
        Action<HttpStandardResilienceOptions>? configureResilience = null)
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
        builder.AddStandardResilienceHandler(options =>
        {
            configureResilience?.Invoke(options);
            ApplyRetryRules(options.Retry);
        });

        services.TryAddSingleton(sp => new MyTrackerClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<MyTrackerClientOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        return builder;
    }

    /// <summary>GET is retried on the standard transient outcomes; unsafe methods (POST create.json) never are.</summary>
    /// <param name="retry">The retry options of the standard handler.</param>
    internal static void ApplyRetryRules(HttpRetryStrategyOptions retry) => retry.DisableForUnsafeHttpMethods();
}
