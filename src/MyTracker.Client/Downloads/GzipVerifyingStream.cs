using System.IO.Compression;

namespace MyTracker.Client.Downloads;

/// <summary>
/// Decompresses gzip data as <c>gzip -dc</c> reads it: every member of a multi-member file, one after
/// another, each checked against its own CRC-32 and length, and a file that ends inside a member is an
/// error. <see cref="GZipStream"/> does the first two, but reads a cut file to a silent early end
/// (measured on .NET 10: no exception whether the cut is in the data or in the trailer).
/// </summary>
/// <remarks>
/// How the cut is caught: after the real data the stream feeds the decompressor one more complete
/// gzip member of its own, whose content is a known marker. A file that ends on a member boundary is
/// followed by a new member, so the marker comes out as its own member's content and is held back
/// from the reader. A file cut inside a member makes the decompressor read the marker's bytes as the
/// rest of that member: it fails on them, or produces something other than the marker. Either way
/// the marker never arrives and the read fails. Stricter than gzip in one respect: bytes after the
/// last member (padding or garbage, which gzip skips with a warning) fail too; a complete download has none.
/// </remarks>
internal sealed class GzipVerifyingStream : ReadOnlyStream
{
    private static readonly byte[] Marker = "\u0001MyTracker:gzip-end\u0002"u8.ToArray();
    private static readonly byte[] MarkerMember = Compress(Marker);

    // Smallest gzip member: 10-byte header + 2-byte empty deflate block + 8-byte trailer.
    private const int MinimumMemberLength = 20;

    private readonly MarkedSource _source;
    private readonly GZipStream _gzip;
    private readonly byte[] _held = new byte[Marker.Length];
    private byte[]? _scratch;
    private int _heldCount;
    private long _length;
    private bool _ended;

    public GzipVerifyingStream(Stream compressed, bool leaveOpen = false)
    {
        _source = new MarkedSource(compressed, leaveOpen);
        _gzip = new GZipStream(_source, CompressionMode.Decompress, leaveOpen: true);
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
        if (buffer.Length <= Marker.Length)
        {
            return ReadSmall(buffer);
        }

        while (!_ended)
        {
            _held.AsSpan(0, _heldCount).CopyTo(buffer);
            int read;
            try
            {
                read = _gzip.Read(buffer[_heldCount..]);
            }
            catch (InvalidDataException ex)
            {
                throw Corrupt(ex);
            }

            if (Deliver(buffer, read) is var delivered and > 0)
            {
                return delivered;
            }
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length <= Marker.Length)
        {
            return ReadSmall(buffer.Span);
        }

        while (!_ended)
        {
            _held.AsSpan(0, _heldCount).CopyTo(buffer.Span);
            int read;
            try
            {
                read = await _gzip.ReadAsync(buffer[_heldCount..], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw Corrupt(ex);
            }

            if (Deliver(buffer.Span, read) is var delivered and > 0)
            {
                return delivered;
            }
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static byte[] Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    private static InvalidDataException Corrupt(Exception? inner = null, string? why = null) =>
        new($"The gzip data is corrupt or truncated{(why is null ? string.Empty : ": " + why)}.", inner);

    /// <summary>
    /// <paramref name="buffer"/> holds the bytes held back so far followed by <paramref name="read"/>
    /// new ones: keeps the last marker-length bytes back and returns how many the reader may have
    /// (0 when everything is still held, or at the verified end).
    /// </summary>
    private int Deliver(Span<byte> buffer, int read)
    {
        if (read == 0)
        {
            VerifyEnd();
            return 0;
        }

        var total = _heldCount + read;
        var deliver = Math.Max(0, total - Marker.Length);
        _heldCount = total - deliver;
        buffer.Slice(deliver, _heldCount).CopyTo(_held);
        _length += deliver;
        return deliver;
    }

    private int ReadSmall(Span<byte> buffer)
    {
        if (buffer.Length == 0 || _ended)
        {
            return 0;
        }

        // A read into n + marker-length bytes delivers at most n of them (the marker's length stays held).
        _scratch ??= new byte[2 * Marker.Length];
        var read = Read(_scratch.AsSpan(0, buffer.Length + Marker.Length));
        _scratch.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    private void VerifyEnd()
    {
        _ended = true;
        if (_source.RealLength < MinimumMemberLength)
        {
            throw Corrupt(why: $"only {_source.RealLength} bytes");
        }

        if (!_source.MarkerConsumed || _heldCount != Marker.Length || !_held.AsSpan().SequenceEqual(Marker))
        {
            throw Corrupt(why: "the data ends inside a gzip member (the file is cut short) or is followed by bytes that are not gzip");
        }

        _heldCount = 0;
    }

    /// <summary>The compressed data, then the marker member; counts the real bytes.</summary>
    private sealed class MarkedSource(Stream inner, bool leaveOpen) : ReadOnlyStream
    {
        private int _markerPosition = -1;

        public long RealLength { get; private set; }

        public bool MarkerConsumed => _markerPosition >= MarkerMember.Length;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_markerPosition < 0)
            {
                var read = inner.Read(buffer);
                if (read > 0 || buffer.Length == 0)
                {
                    RealLength += read;
                    return read;
                }

                _markerPosition = 0;
            }

            return ReadMarker(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_markerPosition < 0)
            {
                var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0 || buffer.Length == 0)
                {
                    RealLength += read;
                    return read;
                }

                _markerPosition = 0;
            }

            return ReadMarker(buffer.Span);
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

        private int ReadMarker(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, MarkerMember.Length - _markerPosition);
            MarkerMember.AsSpan(_markerPosition, n).CopyTo(buffer);
            _markerPosition += n;
            return n;
        }
    }
}
