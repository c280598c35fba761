using System.Text;
using Microsoft.AspNetCore.Http;
using MyTracker.Fake.Http;
using MyTracker.Fake.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Tests.Modules;

/// <summary>
/// A module written here, outside the fake, and plugged in without a change to its core: it claims
/// <c>GET /health</c> through <see cref="ITrackerModule"/> and answers with the core's services it is
/// handed (authentication on request, the global faults, the envelope).
/// </summary>
public sealed class HealthModuleTests
{
    [Fact]
    public async Task A_module_of_its_own_answers_its_path_and_the_journal_records_the_kind_it_reports()
    {
        var health = new HealthModule();
        await using var fake = FakeTracker.StartWithModules(null, [health]);
        fake.Given(Export.WithId(1).InProgress(64));
        using var http = Wire.Client(fake);

        var answer = await http.GetAsync("health").Read();
        var poll = await http.Poll(fake, 1).Read();
        var other = await http.GetAsync("healthz").Read();

        Assert.Equal((200, "ok", 1), (answer.Status, answer.Body.GetProperty("status").GetString(), answer.Body.GetProperty("served").GetInt32()));
        Assert.Equal((200, "In progress"), (poll.Status, poll.Body.Status()));
        Assert.Equal((404, "Not found"), (other.Status, other.Body.Detail()));
        var entries = fake.Journal.Entries;
        Assert.Equal(new FakeEndpoint(null, "health"), entries[0].Endpoint);
        Assert.Equal((FakeOutcome.Served, 200), (entries[0].Outcome, entries[0].StatusCode));
        Assert.Equal(ExportEndpointKinds.Status, entries[1].Endpoint.Kind);
        Assert.Equal(new FakeEndpoint(null, FakeEndpointKinds.None), entries[2].Endpoint);
    }

    [Fact]
    public async Task The_module_uses_the_cores_authentication_and_faults_through_the_services_it_is_handed()
    {
        await using var fake = FakeTracker.StartWithModules(null, [new HealthModule()]);
        fake.WithFault(Fault.ServerError(503).OnRequest(2)); // counted among requests answered: the refused one is not
        using var http = Wire.Client(fake);

        var unsigned = await http.GetAsync("health?signed=1").Read();
        var signed = await http.GetSigned(fake, "health?signed=1").Read();
        using var faulted = await http.GetAsync("health");

        Assert.Equal((403, FakeOutcome.Refused, "no Authorization header"), (unsigned.Status, fake.Journal.Entries[0].Outcome, fake.Journal.Entries[0].Detail));
        Assert.Equal((200, "10001"), (signed.Status, fake.Journal.Entries[1].ApiUserId));
        Assert.Equal((503, FakeOutcome.Faulted, FaultKind.Status), ((int)faulted.StatusCode, fake.Journal.Entries[2].Outcome, fake.Journal.Entries[2].Fault));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_is_classified_once_also_when_users_own_mappings_send_it_through_WireMock(bool userMapping)
    {
        var health = new HealthModule();
        await using var fake = FakeTracker.StartWithModules(null, [health]);
        if (userMapping)
        {
            fake.Server.Given(Request.Create().WithPath("/custom").UsingGet()).RespondWith(Response.Create().WithStatusCode(202));
        }

        using var http = Wire.Client(fake);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await http.GetAsync("health").Read()).Status);
        }

        Assert.Equal(3, health.Claims);
        Assert.Equal(3, fake.Journal.Entries.Count);
    }

    [Fact]
    public async Task Reset_reaches_the_module()
    {
        var health = new HealthModule();
        await using var fake = FakeTracker.StartWithModules(null, [health]);
        using var http = Wire.Client(fake);
        await http.GetAsync("health").Read();

        fake.Reset();
        var again = await http.GetAsync("health").Read();

        Assert.Equal(1, again.Body.GetProperty("served").GetInt32());
    }

    /// <summary>Answers <c>GET /health</c>; with <c>signed=1</c> only to a signed request; global faults apply.</summary>
    private sealed class HealthModule : ITrackerModule
    {
        private int _served;
        private int _claims;

        public int Claims => Volatile.Read(ref _claims);

        public bool TryClaim(in RequestLine request, out Claim claim)
        {
            if (request.Endpoint is null && request.RawPath == "/health" && HttpMethods.IsGet(request.Method))
            {
                Interlocked.Increment(ref _claims);
                claim = new Claim("health");
                return true;
            }

            claim = default;
            return false;
        }

        public async ValueTask<Reply> AnswerAsync(Exchange exchange, Claim claim, TrackerServices services)
        {
            if (exchange.Query.Get("signed") == "1" && !services.Authenticate(exchange))
            {
                return services.AccessDenied(null);
            }

            if (services.Faults.PickAnyRequest() is { } fault && await services.ApplyFaultAsync(exchange, fault, Healthy) is { } faulted)
            {
                return faulted;
            }

            return new Reply(Healthy(), 200, FakeOutcome.Served);
        }

        public string? NotFoundDetail(string rawPath) => null;

        public void Reset() => Interlocked.Exchange(ref _served, 0);

        private HttpAnswer Healthy() =>
            Answers.Json(200, Encoding.UTF8.GetBytes($"{{\"status\":\"ok\",\"served\":{Interlocked.Increment(ref _served)}}}"));
    }
}
