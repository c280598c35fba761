// Raw WireMock.Net: the fake's get.json answer as one static mapping (path, id, an AuthHMAC header
// present), with the request log off, as a user would set WireMock.Net up by hand.
// Usage: RawWireMock <port> <body file> <max seconds>
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var body = File.ReadAllBytes(args[1]);
var lifetime = TimeSpan.FromSeconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));

// An explicit loopback URL: Start() or localhost:0 would bind every interface.
using var server = WireMockServer.Start(new WireMockServerSettings
{
    Urls = [$"http://127.0.0.1:{port}"],
    MaxRequestLogCount = 0,
    Logger = new WireMockNullLogger(),
    DisableJsonBodyParsing = true,
    DisableRequestBodyDecompressing = true,
});
server.Given(Request.Create()
        .WithPath("/api/segment/v1/export/get.json")
        .WithParam("idSegmentExport", "1")
        .WithHeader("Authorization", new WildcardMatcher("AuthHMAC *"))
        .UsingGet())
    .RespondWith(Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithBody(body));
Console.WriteLine($"READY {server.Url}/");

using var stop = new CancellationTokenSource(lifetime);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

server.Stop();
