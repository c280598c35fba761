using System.Collections.Concurrent;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Concurrency;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Thirty_two_concurrent_pollers_only_see_answers_the_lifecycle_allows()
    {
        await using var fake = await FakeTracker.StartAsync();
        int[] steps = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99];
        const int Exports = 8;
        for (var id = 1; id <= Exports; id++)
        {
            fake.Given(Export.WithId(id).InProgress(steps).ThenSuccess(files: 2, rowsPerFile: 10));
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = fake.BaseUrl };
        var violations = new ConcurrentQueue<string>();
        var answers = 0;
        var pollers = Enumerable.Range(0, 32).Select(async worker =>
        {
            var id = (worker % Exports) + 1;
            var last = -1;
            for (var i = 0; i < 200; i++)
            {
                var answer = await http.Poll(fake, id).Read();
                Interlocked.Increment(ref answers);
                if (answer.Status != 200)
                {
                    violations.Enqueue($"export {id}: status {answer.Status}");
                    return;
                }

                var status = answer.Body.Status();
                var progress = status switch
                {
                    "In progress" => int.Parse(answer.Body.GetProperty("data").GetProperty("progress").GetString()!.TrimEnd('%')),
                    "Success!" => 100,
                    _ => -100,
                };
                if (progress < last || (status == "In progress" && !steps.Contains(progress)) || progress == -100)
                {
                    violations.Enqueue($"export {id}: {status} {progress} after {last}");
                }

                last = progress;
                if (status == "Success!")
                {
                    return;
                }
            }

            violations.Enqueue($"export {id}: never succeeded");
        });

        await Task.WhenAll(pollers);

        Assert.Empty(violations);
        for (var id = 1; id <= Exports; id++)
        {
            // Each step was served to exactly one poll, whoever polled (arrival order may differ
            // from the order the export's lock was taken, so the journal is compared as a set).
            var progress = fake.Journal.PollsOf(id).Where(p => p.ExportStatus == "In progress").Select(p => p.Progress!.Value).Order().ToList();
            Assert.Equal(steps, progress);
        }
    }

    [Fact]
    public async Task Sixteen_fakes_start_in_parallel_on_distinct_ports_and_answer_independently()
    {
        var fakes = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => FakeTracker.StartAsync()));
        try
        {
            Assert.Equal(16, fakes.Select(f => f.BaseUrl.Port).Distinct().Count());
            Assert.All(fakes, f => Assert.Equal("127.0.0.1", f.BaseUrl.Host));
            var checks = fakes.Select(async (fake, i) =>
            {
                fake.Given(Export.WithId(1).InProgress(i).ThenSuccess());
                using var http = Wire.Client(fake);
                var answer = await http.Poll(fake, 1).Read();
                Assert.Equal($"{i}%", answer.Body.GetProperty("data").GetProperty("progress").GetString());
            });
            await Task.WhenAll(checks);
        }
        finally
        {
            await Task.WhenAll(fakes.Select(f => f.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task One_shared_fake_serves_parallel_tests_with_distinct_ids()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var tests = Enumerable.Range(100, 16).Select(async id =>
        {
            fake.Given(Export.WithId(id).InProgress(50).ThenSuccess(files: 1, rowsPerFile: 3));
            var first = await http.Poll(fake, id).Read();
            var second = await http.Poll(fake, id).Read();
            var link = second.Body.Files()[0].Link;
            var rows = Wire.Gunzip(await http.GetByteArrayAsync(link)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("50%", first.Body.GetProperty("data").GetProperty("progress").GetString());
            Assert.Equal(4, rows.Length);
            fake.Journal.AssertPolled(id, 2);
        });

        await Task.WhenAll(tests);
    }
}
