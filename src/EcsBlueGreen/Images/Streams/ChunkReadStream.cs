using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Images.Streams
{
    /// <summary>The next <c>length</c> bytes of a forward-only stream, without owning it: one PATCH body.</summary>
    internal sealed class ChunkReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _length;
        private long _read;

        public ChunkReadStream(Stream inner, long length)
        {
            _inner = inner;
            _length = length;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, Clamp(count));
            _read += n;
            return n;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (Clamp(count) == 0) return 0;
            int n = await _inner.ReadAsync(buffer, offset, Clamp(count), cancellationToken).ConfigureAwait(false);
            _read += n;
            return n;
        }

        private int Clamp(int count) => (int)Math.Min(count, _length - _read);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
