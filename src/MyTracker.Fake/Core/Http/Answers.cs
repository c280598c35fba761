using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Fake.Http;

/// <summary>
/// Answers that need nothing but their arguments: the documented error envelope, JSON and text
/// bodies, file answers. The core and every module build their replies with these.
/// </summary>
internal static class Answers
{
    /// <summary>The documented error envelope for statuses the documentation has no sample of.</summary>
    public static HttpAnswer Envelope(int status, string message, string? detail)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", status);
            writer.WriteString("message", message);
            if (detail is null)
            {
                writer.WriteNull("data");
            }
            else
            {
                writer.WriteStartObject("data");
                writer.WriteStartObject("error");
                writer.WriteString("detail", detail);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Json(status, buffer.ToArray());
    }

    public static HttpAnswer Json(int status, byte[] body) => new(status, "application/json; charset=utf-8", body);

    public static HttpAnswer Text(int status, string contentType, string body) => new(status, contentType, Encoding.UTF8.GetBytes(body));

    /// <summary>The 410 of a listed link past its expiry.</summary>
    public static Reply Expired(Exchange exchange)
    {
        exchange.Note("link expired");
        return new Reply(Envelope(410, "Gone", "Download link expired"), 410, FakeOutcome.Expired);
    }

    /// <summary>A whole file as storage without range support answers it (also what the WireMock mapping export serves).</summary>
    public static HttpAnswer WholeFile(string name, byte[] content, string contentType = "application/gzip") =>
        new HttpAnswer(200, contentType, content).WithHeader("Content-Disposition", $"attachment; filename=\"{name}\"");

    /// <summary>An integer as the documentation writes it: ASCII digits with an optional sign, within a 64-bit range.</summary>
    public static bool TryParseInteger(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(c is >= '0' and <= '9' || (i == 0 && c is '-' or '+' && text.Length > 1)))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
