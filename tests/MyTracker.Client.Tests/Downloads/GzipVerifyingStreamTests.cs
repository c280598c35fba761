using System.IO.Compression;
using MyTracker.Client.Downloads;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Downloads;

public sealed class GzipVerifyingStreamTests
{
    private static readonly byte[] Sample = TestData.Gzip(string.Concat(Enumerable.Range(0, 400).Select(i => $"{i:x8}-aaaa-bbbb,{i % 7}\n")));

    [Fact]
    public async Task A_complete_file_passes_and_gives_the_data_back()
    {
        var length = await GzipVerifyingStream.VerifyAsync(new MemoryStream(Sample), default);
        Assert.Equal(400 * "00000000-aaaa-bbbb,0\n".Length, length);
    }

    [Fact]
    public async Task Every_truncation_is_detected_though_GZipStream_alone_accepts_most()
    {
        var silentlyAcceptedByGZipStream = 0;
        for (var cut = 0; cut < Sample.Length; cut++)
        {
            var prefix = Sample[..cut];
            await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream(prefix), default));
            try
            {
                using var plain = new GZipStream(new MemoryStream(prefix), CompressionMode.Decompress);
                plain.CopyTo(Stream.Null);
                silentlyAcceptedByGZipStream++;
            }
            catch (InvalidDataException)
            {
            }
        }

        // The reason this stream exists: the platform's decompressor does not notice a cut file.
        Assert.True(silentlyAcceptedByGZipStream > Sample.Length / 2);
    }

    [Fact]
    public void Truncation_is_also_detected_when_read_synchronously()
    {
        using var stream = new GzipVerifyingStream(new MemoryStream(Sample[..^4]));
        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(-1)]
    [InlineData(12)]
    public async Task A_flipped_byte_is_detected(int position)
    {
        var corrupt = (byte[])Sample.Clone();
        var index = position < 0 ? corrupt.Length + position : position;
        corrupt[index] ^= 0x5A;
        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream(corrupt), default));
    }

    [Fact]
    public async Task Not_gzip_at_all_is_rejected()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream("<html>expired</html>"u8.ToArray()), default));
        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream([]), default));
    }

    [Fact]
    public async Task An_empty_but_complete_gzip_file_passes()
    {
        // What gzip(1) writes for empty input: header, an empty final deflate block, CRC 0, length 0.
        byte[] empty = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(0, await GzipVerifyingStream.VerifyAsync(new MemoryStream(empty), default));
    }
}
