using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>
    /// An in-memory OCI distribution registry behind an HttpMessageHandler: enough of /v2/ to push,
    /// mount and pull, with Basic auth, relative Location headers (as most registries send), request
    /// counts and injectable faults.
    /// </summary>
    internal sealed class FakeRegistry : HttpMessageHandler
    {
        public const string User = "AWS";
        public string Password { get; set; } = "secret-token-123";
        public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();
        public ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> RepoBlobs { get; } = new();
        public ConcurrentDictionary<string, (byte[] Bytes, string Type)> Manifests { get; } = new(); // "repo@ref"
        public ConcurrentDictionary<string, int> Counts { get; } = new();
        private readonly ConcurrentDictionary<string, MemoryStream> _uploads = new();
        private int _uuid;
        public int FailNextPatches;
        public bool RequireChunkRange = true;
        public int MaxConcurrent;
        private int _concurrent;
        public long BytesReceived;
        /// <summary>Holds blob PUTs open this long, so parallel uploads overlap observably.</summary>
        public TimeSpan UploadDelay = TimeSpan.Zero;
        /// <summary>Sees every authenticated request first; a response it returns is sent instead of the
        /// registry's own (faults: 503s, throttling, dropped connections by throwing).</summary>
        public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept;

        public int Count(string key) => Counts.TryGetValue(key, out int n) ? n : 0;
        private void Hit(string key) => Counts.AddOrUpdate(key, 1, (_, n) => n + 1);

        public void Seed(string repo, string digest, byte[] bytes)
        {
            Blobs[digest] = bytes;
            RepoBlobs.GetOrAdd(repo, _ => new())[digest] = true;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int now = Interlocked.Increment(ref _concurrent);
            lock (this) MaxConcurrent = Math.Max(MaxConcurrent, now);
            try { return await HandleAsync(request, cancellationToken); }
            finally { Interlocked.Decrement(ref _concurrent); }
        }

        private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken ct)
        {
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
            if (request.Headers.Authorization?.ToString() != expected)
            {
                Hit("401");
                var denied = Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "authentication required");
                denied.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"fake\"");
                return denied;
            }
            if (Intercept?.Invoke(request) is HttpResponseMessage injected) return injected;
            string path = request.RequestUri!.AbsolutePath;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            string method = request.Method.Method;

            if (path.Contains("/blobs/uploads/"))
            {
                string repo = path[4..path.IndexOf("/blobs/uploads/", StringComparison.Ordinal)];
                string id = path[(path.IndexOf("/blobs/uploads/", StringComparison.Ordinal) + "/blobs/uploads/".Length)..];
                if (method == "POST")
                {
                    if (query["mount"] is string mount)
                    {
                        Hit("mount");
                        if (RepoBlobs.TryGetValue(query["from"] ?? "", out var from) && from.ContainsKey(mount))
                        {
                            RepoBlobs.GetOrAdd(repo, _ => new())[mount] = true;
                            return new HttpResponseMessage(HttpStatusCode.Created);
                        }
                    }
                    Hit("POST upload");
                    string uuid = Interlocked.Increment(ref _uuid).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _uploads[uuid] = new MemoryStream();
                    var started = new HttpResponseMessage(HttpStatusCode.Accepted);
                    started.Headers.Location = new Uri($"/v2/{repo}/blobs/uploads/{uuid}?state=abc", UriKind.Relative);
                    return started;
                }
                string key = id;
                if (!_uploads.TryGetValue(key, out var buffer)) return Error(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", key);
                if (method == "PATCH")
                {
                    Hit("PATCH");
                    if (FailNextPatches > 0) { FailNextPatches--; return Error(HttpStatusCode.InternalServerError, "UNKNOWN", "injected"); }
                    string? range = request.Content!.Headers.TryGetValues("Content-Range", out var r) ? r.First() : null;
                    if (RequireChunkRange && (range == null || !range.StartsWith(buffer.Length + "-", StringComparison.Ordinal)))
                        return Error(HttpStatusCode.RequestedRangeNotSatisfiable, "BLOB_UPLOAD_INVALID", $"range {range} at {buffer.Length}");
                    var data = await request.Content.ReadAsByteArrayAsync(ct);
                    Interlocked.Add(ref BytesReceived, data.Length);
                    buffer.Write(data);
                    var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                    accepted.Headers.Location = new Uri($"/v2/{repo}/blobs/uploads/{key}?state=x{buffer.Length}", UriKind.Relative);
                    accepted.Headers.TryAddWithoutValidation("Range", $"0-{buffer.Length - 1}");
                    return accepted;
                }
                if (method == "PUT")
                {
                    Hit("PUT blob");
                    if (UploadDelay > TimeSpan.Zero) await Task.Delay(UploadDelay, ct);
                    if (request.Content != null)
                    {
                        var data = await request.Content.ReadAsByteArrayAsync(ct);
                        Interlocked.Add(ref BytesReceived, data.Length);
                        buffer.Write(data);
                    }
                    string digest = query["digest"]!;
                    byte[] all = buffer.ToArray();
                    if (TestImage.Sha(all) != digest) return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", digest);
                    Blobs[digest] = all;
                    RepoBlobs.GetOrAdd(repo, _ => new())[digest] = true;
                    _uploads.TryRemove(key, out _);
                    return new HttpResponseMessage(HttpStatusCode.Created);
                }
            }
            int blobs = path.IndexOf("/blobs/", StringComparison.Ordinal);
            if (blobs > 0)
            {
                string repo = path[4..blobs], digest = path[(blobs + 7)..];
                bool has = RepoBlobs.TryGetValue(repo, out var set) && set.ContainsKey(digest);
                Hit(method + " blob");
                if (!has) return Error(HttpStatusCode.NotFound, "BLOB_UNKNOWN", digest);
                var ok = new HttpResponseMessage(HttpStatusCode.OK);
                if (method == "GET") ok.Content = new ByteArrayContent(Blobs[digest]);
                return ok;
            }
            int manifests = path.IndexOf("/manifests/", StringComparison.Ordinal);
            if (manifests > 0)
            {
                string repo = path[4..manifests], reference = path[(manifests + 11)..];
                if (method == "PUT")
                {
                    Hit("PUT manifest");
                    byte[] bytes = await request.Content!.ReadAsByteArrayAsync(ct);
                    using (var doc = JsonDocument.Parse(bytes))
                    {
                        var referenced = new[] { doc.RootElement.GetProperty("config") }.Concat(doc.RootElement.GetProperty("layers").EnumerateArray());
                        foreach (var d in referenced)
                        {
                            string dg = d.GetProperty("digest").GetString()!;
                            if (!RepoBlobs.TryGetValue(repo, out var set) || !set.ContainsKey(dg)) return Error(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN", dg);
                        }
                    }
                    string type = request.Content.Headers.ContentType!.MediaType!;
                    string digest = TestImage.Sha(bytes);
                    Manifests[repo + "@" + reference] = (bytes, type);
                    Manifests[repo + "@" + digest] = (bytes, type);
                    var created = new HttpResponseMessage(HttpStatusCode.Created);
                    created.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest);
                    return created;
                }
                Hit("GET manifest");
                if (!Manifests.TryGetValue(repo + "@" + reference, out var m)) return Error(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", reference);
                var found = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(m.Bytes) };
                found.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(m.Type);
                found.Headers.TryAddWithoutValidation("Docker-Content-Digest", TestImage.Sha(m.Bytes));
                return found;
            }
            return Error(HttpStatusCode.NotFound, "NAME_UNKNOWN", path);
        }

        public static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
            new(status) { Content = new StringContent($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}", Encoding.UTF8, "application/json") };
    }
}
