using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace MyTracker.Client.Downloads;

/// <summary>
/// Decompresses a gzip stream and, at its end, checks the gzip trailer (CRC-32 and length of the
/// data): <see cref="GZipStream"/> itself returns a truncated file's partial content without any error.
/// Files must be single-member gzip (what gzip(1) and the export server write); a concatenation of
/// members is reported as corrupt rather than accepted unchecked.
/// </summary>
internal sealed class GzipVerifyingStream : ReadOnlyStream
{
    private readonly TailKeepingStream _compressed;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _verified;

    public GzipVerifyingStream(Stream compressed, bool leaveOpen = false)
    {
        _compressed = new TailKeepingStream(compressed, leaveOpen);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
    }

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <summary>Reads the whole stream to its end and verifies it; returns the decompressed length.</summary>
    public static async Task<long> VerifyAsync(Stream compressed, CancellationToken cancellationToken)
    {
        await using var verifying = new GzipVerifyingStream(compressed, leaveOpen: true);
        var buffer = new byte[81920];
        while (await verifying.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        return verifying._length;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
        }
        else if (buffer.Length > 0)
        {
            Span<byte> rest = stackalloc byte[4096];
            while (_compressed.Read(rest) > 0)
            {
            }

            Verify();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }

        if (read > 0)
        {
            _crc.Append(buffer.Span[..read]);
            _length += read;
        }
        else if (buffer.Length > 0)
        {
            // Whatever GZipStream left unread is still part of the file: the trailer must be the real end.
            var rest = new byte[4096];
            while (await _compressed.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }

            Verify();
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _compressed.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync().ConfigureAwait(false);
        await _compressed.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static InvalidDataException Corrupt(Exception? inner = null, string? why = null) =>
        new($"The gzip data is corrupt or truncated{(why is null ? string.Empty : ": " + why)}.", inner);

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        // Smallest gzip file: 10-byte header + 2-byte empty deflate block + 8-byte trailer.
        if (_compressed.TotalRead < 20)
        {
            throw Corrupt(why: $"only {_compressed.TotalRead} bytes");
        }

        var tail = _compressed.Tail;
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (expectedCrc != _crc.GetCurrentHashAsUInt32() || expectedLength != unchecked((uint)_length))
        {
            throw Corrupt(why: "the trailer's CRC-32 or length does not match the data (the file is probably cut short)");
        }

        _verified = true;
    }

    /// <summary>Passes reads through and remembers the last 8 bytes and the total count.</summary>
    private sealed class TailKeepingStream(Stream inner, bool leaveOpen) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];

        public long TotalRead { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail;

        public override long Position { get => TotalRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Remember(buffer[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Remember(buffer.Span[..read]);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (!leaveOpen)
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }

            await base.DisposeAsync().ConfigureAwait(false);
        }

        private void Remember(ReadOnlySpan<byte> chunk)
        {
            TotalRead += chunk.Length;
            if (chunk.Length >= 8)
            {
                chunk[^8..].CopyTo(_tail);
            }
            else if (chunk.Length > 0)
            {
                // Shift the kept tail left and append the short chunk.
                _tail.AsSpan(chunk.Length).CopyTo(_tail);
                chunk.CopyTo(_tail.AsSpan(8 - chunk.Length));
            }
        }
    }
}
