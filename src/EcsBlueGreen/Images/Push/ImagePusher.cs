using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Images.Streams;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Pushes a local image to one repository of a registry: asks which blobs the repository already has,
    /// mounts what another repository of the registry holds, uploads the rest several at a time (chunked
    /// when large, digest-checked while streaming), and writes the manifest last, once per tag, so a
    /// tag never points at an image whose blobs are incomplete.
    /// </summary>
    public sealed class ImagePusher
    {
        private readonly RegistryClient _registry;
        private readonly IBlobAvailability _availability;
        private readonly BlobLocationCache _locations;
        private readonly PushOptions _options;

        public ImagePusher(RegistryClient registry, IBlobAvailability? availability = null, BlobLocationCache? locations = null, PushOptions? options = null)
        {
            _registry = registry;
            _availability = availability ?? new HeadBlobAvailability(registry);
            _locations = locations ?? new BlobLocationCache();
            _options = options ?? new PushOptions();
            _options.Validate();
        }

        /// <param name="tags">Tags to point at the manifest; empty pushes the manifest by digest only.</param>
        public async Task<PushResult> PushAsync(IPushableImage image, string repository, IReadOnlyList<string> tags, IPushProgress? progress, CancellationToken cancellationToken)
        {
            var time = _registry.RetryPolicy.Time;
            var started = time.GetTimestamp();
            var blobs = image.Blobs;
            var tracker = new ProgressTracker(blobs, progress);

            IReadOnlyDictionary<string, bool> present;
            try
            {
                present = await _availability.CheckAsync(repository, blobs.Select(b => b.Digest).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(_availability is HeadBlobAvailability))
            {
                // The batch API may be denied where /v2/ is allowed: HEAD gives the same answer.
                present = await new HeadBlobAvailability(_registry).CheckAsync(repository, blobs.Select(b => b.Digest).ToList(), cancellationToken).ConfigureAwait(false);
            }

            int uploaded = 0, skipped = 0, mounted = 0;
            long bytesUploaded = 0;
            using (var gate = new SemaphoreSlim(_options.MaxParallelBlobs))
            using (var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var work = blobs.Select((blob, index) => Task.Run(async () =>
                {
                    if (present.TryGetValue(blob.Digest, out bool has) && has)
                    {
                        Interlocked.Increment(ref skipped);
                        tracker.Settled(index, BlobPushState.Skipped);
                        _locations.Remember(_registry.Host, blob.Digest, repository);
                        return;
                    }
                    await gate.WaitAsync(failFast.Token).ConfigureAwait(false);
                    try
                    {
                        var outcome = await PushBlobAsync(image, repository, blob, index, tracker, failFast.Token).ConfigureAwait(false);
                        if (outcome == BlobPushState.Mounted) Interlocked.Increment(ref mounted);
                        else { Interlocked.Increment(ref uploaded); Interlocked.Add(ref bytesUploaded, blob.Size); }
                        _locations.Remember(_registry.Host, blob.Digest, repository);
                    }
                    catch
                    {
                        failFast.Cancel(); // one broken blob ends the push: the others would be wasted traffic
                        throw;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }, failFast.Token)).ToList();

                try
                {
                    await Task.WhenAll(work).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested && FirstFailure(work) is Exception cause)
                {
                    // Report the blob that failed, not the siblings cancelled because of it.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
                }
            }

            string digest = image.ManifestDigest;
            var references = tags.Count == 0 ? new[] { image.ManifestDigest } : tags.ToArray();
            foreach (string reference in references)
            {
                digest = await _registry.PutManifestAsync(repository, reference, image.ManifestBytes, image.ManifestMediaType, cancellationToken).ConfigureAwait(false);
            }
            return new PushResult(digest, tags.ToList(), uploaded, skipped, mounted, bytesUploaded, time.GetElapsedTime(started));
        }

        private static Exception? FirstFailure(IEnumerable<Task> work) =>
            work.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => !(e is OperationCanceledException));

        /// <summary>Mounts or uploads one blob. A transient failure of the one-pass upload requests (which the
        /// registry client cannot replay) is retried under the client's retry policy from a fresh upload
        /// session; failures the client already retried are not retried again here.</summary>
        private Task<BlobPushState> PushBlobAsync(IPushableImage image, string repository, Descriptor blob, int index, ProgressTracker tracker, CancellationToken cancellationToken) =>
            _registry.RetryPolicy.RunAsync<BlobPushState>(async (attempt, token) =>
            {
                if (attempt > 1) tracker.Restart(index);
                try
                {
                    Uri? location = null;
                    string? source = _locations.Find(_registry.Host, blob.Digest) ?? _options.MountFrom.FirstOrDefault(r => r != repository);
                    if (source != null && source != repository)
                    {
                        var mount = await _registry.MountBlobAsync(repository, blob.Digest, source, token).ConfigureAwait(false);
                        if (mount.Mounted)
                        {
                            tracker.Settled(index, BlobPushState.Mounted);
                            return AttemptOutcome<BlobPushState>.Success(BlobPushState.Mounted);
                        }
                        location = mount.UploadLocation;
                    }
                    location = location ?? await _registry.StartUploadAsync(repository, token).ConfigureAwait(false);
                    await UploadAsync(image, blob, index, location, tracker, token).ConfigureAwait(false);
                    tracker.Settled(index, BlobPushState.Uploaded);
                    return AttemptOutcome<BlobPushState>.Success(BlobPushState.Uploaded);
                }
                catch (RegistryException e) when (e.IsTransient && !e.RetriedByClient)
                {
                    return AttemptOutcome<BlobPushState>.Fail(e, retryable: true);
                }
            }, cancellationToken);

        private async Task UploadAsync(IPushableImage image, Descriptor blob, int index, Uri location, ProgressTracker tracker, CancellationToken cancellationToken)
        {
            using (var content = new VerifyingReadStream(image.OpenBlob(blob.Digest), blob.Digest, blob.Size, n => tracker.Sent(index, n)))
            {
                if (blob.Size <= _options.ChunkedUploadThreshold)
                {
                    await _registry.UploadMonolithicAsync(location, blob.Digest, content, blob.Size, cancellationToken).ConfigureAwait(false);
                    return;
                }
                for (long offset = 0; offset < blob.Size;)
                {
                    long length = Math.Min(_options.ChunkSize, blob.Size - offset);
                    location = await _registry.UploadChunkAsync(location, new ChunkReadStream(content, length), offset, length, cancellationToken).ConfigureAwait(false);
                    offset += length;
                }
                // Every byte went out and matched the digest (checked as the last chunk was read): commit.
                if (!content.Verified) throw new InvalidOperationException("The blob was sent without its digest being checked.");
                await _registry.CompleteUploadAsync(location, blob.Digest, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
