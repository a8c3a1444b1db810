using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Images.Streams
{
    /// <summary>
    /// Reads a blob forward once, hashing as it goes. The digest is checked the moment the declared size
    /// has been read, before the last bytes are handed on, so an upload of damaged content is aborted
    /// before the registry can complete it. Reports bytes read for progress.
    /// </summary>
    internal sealed class VerifyingReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly string _expectedDigest;
        private readonly long _expectedSize;
        private readonly Action<long>? _onRead;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _read;

        public VerifyingReadStream(Stream inner, string expectedDigest, long expectedSize, Action<long>? onRead = null)
        {
            _inner = inner;
            _expectedDigest = expectedDigest;
            _expectedSize = expectedSize;
            _onRead = onRead;
        }

        public bool Verified { get; private set; }
        public long BytesRead => _read;

        public override int Read(byte[] buffer, int offset, int count) => Account(buffer, offset, _inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Account(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        private int Account(byte[] buffer, int offset, int n)
        {
            if (n == 0)
            {
                if (_read != _expectedSize) throw Mismatch($"it ended after {_read} of {_expectedSize} bytes");
                if (!Verified) Verify(); // an empty blob never reached the check below
                return 0;
            }
            _read += n;
            if (_read > _expectedSize) throw Mismatch($"it is longer than the declared {_expectedSize} bytes");
            _hash.AppendData(buffer, offset, n);
            if (_read == _expectedSize) Verify();
            _onRead?.Invoke(n);
            return n;
        }

        private void Verify()
        {
            string actual = "sha256:" + Digest.ToHex(_hash.GetHashAndReset());
            if (!string.Equals(actual, _expectedDigest, StringComparison.Ordinal)) throw Mismatch($"its content hashes to {actual}");
            Verified = true;
        }

        private ImagePublishException Mismatch(string why) =>
            new ImagePublishException(ErrorIds.ImageBlobDigestMismatch, $"The blob {_expectedDigest} cannot be pushed: {why}.", _expectedDigest);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _expectedSize;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
