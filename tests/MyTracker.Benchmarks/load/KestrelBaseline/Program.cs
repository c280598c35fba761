// Bare Kestrel: every request gets the same bytes, with no routing, matching or logging, so it
// shows what this machine can serve at all. Usage: KestrelBaseline <port> <body file> <max seconds>
using System.Net;

var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var body = File.ReadAllBytes(args[1]);
var lifetime = TimeSpan.FromSeconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
var app = builder.Build();
app.Run(context =>
{
    context.Response.StatusCode = 200;
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

await app.StartAsync();
Console.WriteLine($"READY http://127.0.0.1:{port}/");

// Bounded even when the script that started it dies.
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

await app.StopAsync(CancellationToken.None);
