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

    private static readonly string SecondText = string.Concat(Enumerable.Range(0, 300).Select(i => $"second-{i},{i * 3}\n"));

    private static readonly byte[] TwoMembers = [.. Sample, .. TestData.Gzip(SecondText)];

    private static async Task<string> ReadAllAsync(Stream compressed, int bufferSize = 81920)
    {
        await using var verifying = new GzipVerifyingStream(compressed);
        using var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await verifying.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    private static string SampleText => string.Concat(Enumerable.Range(0, 400).Select(i => $"{i:x8}-aaaa-bbbb,{i % 7}\n"));

    [Fact]
    public async Task Concatenated_members_are_one_valid_file_read_in_order_as_gzip_dc_reads_them()
    {
        Assert.Equal(SampleText + SecondText, await ReadAllAsync(new MemoryStream(TwoMembers)));
        Assert.Equal((SampleText + SecondText).Length, await GzipVerifyingStream.VerifyAsync(new MemoryStream(TwoMembers), default));

        // Three members, the middle one empty, read one byte at a time: the same bytes.
        byte[] empty = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(SampleText + SecondText, await ReadAllAsync(new MemoryStream([.. Sample, .. empty, .. TestData.Gzip(SecondText)]), bufferSize: 1));
    }

    [Fact]
    public async Task A_multi_member_file_cut_anywhere_but_between_members_is_an_error()
    {
        for (var cut = 1; cut < TwoMembers.Length; cut++)
        {
            if (cut == Sample.Length)
            {
                // Cut exactly between two members: a complete one-member file, as for gzip itself
                // (the downloader's length check is what catches this one).
                Assert.Equal(SampleText, await ReadAllAsync(new MemoryStream(TwoMembers[..cut])));
                continue;
            }

            await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream(TwoMembers[..cut]), default));
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(-5)]
    public async Task A_flipped_byte_in_either_member_is_detected(int position)
    {
        var first = (byte[])TwoMembers.Clone();
        first[position < 0 ? Sample.Length + position : position] ^= 0x5A;
        var second = (byte[])TwoMembers.Clone();
        second[position < 0 ? second.Length + position : Sample.Length + position] ^= 0x5A;

        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream(first), default));
        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream(second), default));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'x', (byte)'y', (byte)'z' })]
    [InlineData(new byte[] { 0x1f, 0x8b, 8 })]
    public async Task Bytes_after_the_last_member_are_an_error(byte[] trailing)
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => GzipVerifyingStream.VerifyAsync(new MemoryStream([.. Sample, .. trailing]), default));
    }

    [Fact]
    public async Task Tiny_reads_give_the_same_bytes_as_large_ones()
    {
        Assert.Equal(SampleText, await ReadAllAsync(new MemoryStream(Sample), bufferSize: 1));
        Assert.Equal(SampleText, await ReadAllAsync(new MemoryStream(Sample), bufferSize: 17));
        using var sync = new GzipVerifyingStream(new MemoryStream(TwoMembers));
        using var output = new MemoryStream();
        sync.CopyTo(output, 3);
        Assert.Equal(SampleText + SecondText, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }
}
