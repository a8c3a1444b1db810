using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Images.Registry;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// A client of the OCI distribution API (/v2/) of one registry: blob existence, uploads (monolithic
    /// and chunked), cross-repository mounts, manifests. It only moves bytes; the decisions (what to skip,
    /// mount or upload, in what order) are <see cref="ImagePusher"/>'s. Safe for concurrent use.
    /// Credentials go in the Authorization header only, never in a URL, a message or a log line.
    /// </summary>
    public sealed class RegistryClient : IDisposable
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        private readonly Uri _endpoint;
        private readonly IRegistryCredentialSource _credentials;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly RetryPolicy _retry;
        private readonly object _authLock = new object();
        private AuthenticationHeaderValue? _authorization;
        private bool _authInitialized;

        /// <param name="endpoint">e.g. https://123456789012.dkr.ecr.eu-west-2.amazonaws.com or the simulator's URL.</param>
        /// <param name="retry">The session's retry policy: the same attempts, backoff, quota and clock as its AWS calls.</param>
        /// <param name="handler">For tests; the client never follows redirects by itself (see <see cref="OpenBlobAsync"/>).</param>
        public RegistryClient(Uri endpoint, IRegistryCredentialSource? credentials, RetryPolicy retry, HttpMessageHandler? handler = null)
        {
            _retry = retry ?? throw new ArgumentNullException(nameof(retry));
            _endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/");
            _credentials = credentials ?? new StaticRegistryCredentials(null);
            _ownsHttp = true;
            _http = new HttpClient(handler ?? EcsBlueGreen.Aws.Http.DefaultHttpHandler.Create(allowAutoRedirect: false), disposeHandler: handler == null)
            {
                // Layer uploads over slow links take long; cancellation comes from the caller's token.
                Timeout = Timeout.InfiniteTimeSpan,
            };
        }

        /// <summary>"host[:port]" as it appears in image references.</summary>
        public string Host => _endpoint.IsDefaultPort ? _endpoint.Host : _endpoint.Authority;

        public Uri Endpoint => _endpoint;

        /// <summary>How this client retries; <see cref="ImagePusher"/> retries whole blob uploads under it too.</summary>
        public RetryPolicy RetryPolicy => _retry;

        public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url(repository, "blobs/" + digest)), "HEAD blob " + digest, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return false;
                await EnsureSuccessAsync(response, "HEAD blob " + digest).ConfigureAwait(false);
                return true;
            }
        }

        /// <summary>Asks the registry to link a blob it holds for <paramref name="fromRepository"/> into
        /// <paramref name="repository"/>, with no data transfer.</summary>
        public async Task<MountResult> MountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken)
        {
            string query = "?mount=" + Uri.EscapeDataString(digest) + "&from=" + Uri.EscapeDataString(fromRepository);
            using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url(repository, "blobs/uploads/") + query), "mount blob " + digest, cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "mount blob " + digest).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Created) return MountResult.Done();
                return MountResult.Declined(LocationOf(response));
            }
        }

        /// <summary>Opens an upload session; returns its location (absolute).</summary>
        public async Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url(repository, "blobs/uploads/")), "start upload", cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "start upload").ConfigureAwait(false);
                return LocationOf(response);
            }
        }

        /// <summary>Monolithic upload: the whole blob in the closing PUT. The stream is read once, forward.</summary>
        public async Task UploadMonolithicAsync(Uri location, string digest, Stream content, long length, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = Body(content, length) };
            using (var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "upload blob " + digest).ConfigureAwait(false);
            }
        }

        /// <summary>Sends bytes [start, start+length) of a blob with PATCH and Content-Range; returns the
        /// location for the next request (registries may change it at every step).</summary>
        public async Task<Uri> UploadChunkAsync(Uri location, Stream chunk, long start, long length, CancellationToken cancellationToken)
        {
            var content = Body(chunk, length);
            content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
            var request = new HttpRequestMessage(Patch, location) { Content = content };
            using (var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "upload chunk").ConfigureAwait(false);
                if (response.Headers.TryGetValues("Range", out var ranges))
                {
                    foreach (string range in ranges)
                    {
                        // "0-<last byte>": a registry that kept less than we sent cannot be resumed here.
                        int dash = range.IndexOf('-');
                        if (dash > 0 && long.TryParse(range.Substring(dash + 1), out long end) && end != start + length - 1)
                            throw new RegistryException("upload chunk", response.StatusCode, "RANGE_INVALID", $"the registry holds bytes up to {end}, expected {start + length - 1}");
                    }
                }
                return LocationOf(response, location);
            }
        }

        /// <summary>Closes a chunked upload: PUT ?digest= with no body. The registry checks the digest.</summary>
        public async Task CompleteUploadAsync(Uri location, string digest, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = new ByteArrayContent(Array.Empty<byte>()) }, "complete upload " + digest, cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "complete upload " + digest).ConfigureAwait(false);
            }
        }

        /// <summary>PUT a manifest under a tag or digest; returns the digest the registry computed.</summary>
        public async Task<string> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken)
        {
            Func<HttpRequestMessage> build = () =>
            {
                var content = new ByteArrayContent(manifest);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return new HttpRequestMessage(HttpMethod.Put, Url(repository, "manifests/" + reference)) { Content = content };
            };
            string operation = $"put manifest {repository}:{reference}";
            using (var response = await SendAsync(build, operation, cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, operation).ConfigureAwait(false);
                return Header(response, "Docker-Content-Digest") ?? Digest.Of(manifest);
            }
        }

        /// <summary>Null when the registry does not have it.</summary>
        public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
        {
            Func<HttpRequestMessage> build = () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, Url(repository, "manifests/" + reference));
                foreach (string type in MediaTypes.AllManifests) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                return request;
            };
            string operation = $"get manifest {repository}:{reference}";
            using (var response = await SendAsync(build, operation, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                await EnsureSuccessAsync(response, operation).ConfigureAwait(false);
                byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                string type = response.Content.Headers.ContentType?.MediaType ?? MediaTypes.OciManifest;
                return new RegistryManifest(bytes, type, Header(response, "Docker-Content-Digest") ?? Digest.Of(bytes));
            }
        }

        /// <summary>Streams a blob. Follows a redirect (ECR sends blobs from S3) without our Authorization
        /// header when it leaves the registry's host.</summary>
        public async Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken)
        {
            var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url(repository, "blobs/" + digest)), "get blob " + digest, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            for (int hops = 0; IsRedirect(response.StatusCode) && hops < 5; hops++)
            {
                Uri target = LocationOf(response, response.RequestMessage?.RequestUri);
                response.Dispose();
                var request = new HttpRequestMessage(HttpMethod.Get, target);
                if (target.Authority == _endpoint.Authority) request.Headers.Authorization = CurrentAuthorization();
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                await EnsureSuccessAsync(response, "get blob " + digest).ConfigureAwait(false);
                return await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private static bool IsRedirect(HttpStatusCode s) => (int)s >= 300 && (int)s < 400 && s != HttpStatusCode.NotModified;

        private string Url(string repository, string rest) => new Uri(_endpoint, "v2/" + repository + "/" + rest).ToString();

        private static Uri WithDigest(Uri location, string digest) =>
            new Uri(location + (string.IsNullOrEmpty(location.Query) ? "?" : "&") + "digest=" + Uri.EscapeDataString(digest));

        private static StreamContent Body(Stream content, long length)
        {
            var body = new StreamContent(content, 81920);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = length;
            return body;
        }

        private static Uri LocationOf(HttpResponseMessage response, Uri? fallback = null)
        {
            Uri? location = response.Headers.Location;
            if (location == null)
            {
                if (fallback != null) return fallback;
                throw new RegistryException("upload", response.StatusCode, null, "the registry sent no Location header");
            }
            // Registries commonly answer with a path only; it is relative to the request.
            return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? new Uri("/", UriKind.Relative), location);
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        /// <summary>Requests whose body is a one-pass stream: sent once. The upload session was opened by
        /// an earlier request, so authentication is settled by then.</summary>
        private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await EnsureAuthInitializedAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = CurrentAuthorization();
            try
            {
                var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                response.RequestMessage = response.RequestMessage ?? request; // relative Locations resolve against it
                return response;
            }
            catch (HttpRequestException e)
            {
                // A failed digest check inside the body stream aborts the request: surface that, not the I/O error.
                for (Exception? inner = e; inner != null; inner = inner.InnerException)
                    if (inner is ImagePublishException publish) throw publish;
                throw new RegistryException(request.Method + " " + request.RequestUri?.AbsolutePath, null, null, e.Message, e);
            }
            finally
            {
                request.Dispose();
            }
        }

        /// <summary>Requests that can be rebuilt: sent under the retry policy (transport failures,
        /// throttling and server errors are tried again after its backoff), and once after a 401 with a
        /// fresh login (expired ECR token) or a bearer token for the challenged scope.</summary>
        private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string operation, CancellationToken cancellationToken,
            HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
        {
            await EnsureAuthInitializedAsync(cancellationToken).ConfigureAwait(false);
            bool reauthenticated = false;
            return await _retry.RunAsync<HttpResponseMessage>(async (attempt, token) =>
            {
                HttpResponseMessage response;
                try
                {
                    response = await SendAuthorizedAsync(build, completion, token).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated)
                    {
                        // A login refused once is renewed within the same attempt: it is not a transient failure.
                        var challenge = AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString());
                        response.Dispose();
                        await ReauthenticateAsync(challenge, token).ConfigureAwait(false);
                        reauthenticated = true;
                        response = await SendAuthorizedAsync(build, completion, token).ConfigureAwait(false);
                    }
                }
                catch (HttpRequestException e)
                {
                    return AttemptOutcome<HttpResponseMessage>.Fail(
                        new RegistryException(operation, null, null, e.Message, e) { RetriedByClient = true }, retryable: true);
                }

                int status = (int)response.StatusCode;
                if (!RetryClassifier.IsRetryable(null, status))
                {
                    return AttemptOutcome<HttpResponseMessage>.Success(response);
                }

                RegistryException failure;
                using (response)
                {
                    failure = await ErrorOfAsync(response, operation).ConfigureAwait(false);
                }
                failure.RetriedByClient = true;
                return AttemptOutcome<HttpResponseMessage>.Fail(failure, retryable: true);
            }, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendAuthorizedAsync(Func<HttpRequestMessage> build, HttpCompletionOption completion, CancellationToken cancellationToken)
        {
            var request = build();
            request.Headers.Authorization = CurrentAuthorization();
            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            response.RequestMessage = response.RequestMessage ?? request; // relative Locations resolve against it
            return response;
        }

        private AuthenticationHeaderValue? CurrentAuthorization()
        {
            lock (_authLock) return _authorization;
        }

        private async Task EnsureAuthInitializedAsync(CancellationToken cancellationToken)
        {
            lock (_authLock) if (_authInitialized) return;
            // Preemptive Basic: ECR's scheme, and saves the 401 round trip on every first request.
            var credentials = await _credentials.GetAsync(false, cancellationToken).ConfigureAwait(false);
            lock (_authLock)
            {
                if (_authInitialized) return;
                _authorization = credentials == null ? null : new AuthenticationHeaderValue("Basic", credentials.BasicParameter);
                _authInitialized = true;
            }
        }

        private async Task ReauthenticateAsync(AuthChallenge? challenge, CancellationToken cancellationToken)
        {
            var credentials = await _credentials.GetAsync(true, cancellationToken).ConfigureAwait(false);
            AuthenticationHeaderValue? next;
            if (challenge != null && challenge.IsBearer && challenge["realm"] is string realm)
                next = new AuthenticationHeaderValue("Bearer", await FetchBearerTokenAsync(realm, challenge["service"], challenge["scope"], credentials, cancellationToken).ConfigureAwait(false));
            else
                next = credentials == null ? null : new AuthenticationHeaderValue("Basic", credentials.BasicParameter);
            lock (_authLock) _authorization = next;
        }

        /// <summary>The token-server flow of registries that challenge with Bearer (not ECR, but e.g. a
        /// local registry:2 with token auth): GET realm?service&amp;scope with Basic credentials.</summary>
        private async Task<string> FetchBearerTokenAsync(string realm, string? service, string? scope, RegistryCredentials? credentials, CancellationToken cancellationToken)
        {
            string query = (service != null ? "service=" + Uri.EscapeDataString(service) : "") + (scope != null ? "&scope=" + Uri.EscapeDataString(scope) : "");
            using (var request = new HttpRequestMessage(HttpMethod.Get, realm + (realm.Contains("?") ? "&" : "?") + query.TrimStart('&')))
            {
                if (credentials != null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.BasicParameter);
                using (var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    await EnsureSuccessAsync(response, "get registry token").ConfigureAwait(false);
                    using (var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)))
                    {
                        var root = doc.RootElement;
                        if (root.TryGetProperty("token", out var t) && t.GetString() is string token) return token;
                        if (root.TryGetProperty("access_token", out var a) && a.GetString() is string access) return access;
                        throw new RegistryException("get registry token", response.StatusCode, null, "the token server sent no token");
                    }
                }
            }
        }

        /// <summary>Throws the registry's error for a non-success answer.</summary>
        private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation)
        {
            if (response.IsSuccessStatusCode) return;
            throw await ErrorOfAsync(response, operation).ConfigureAwait(false);
        }

        /// <summary>A non-success answer as a RegistryException carrying the registry's error code. The body
        /// is the registry's JSON error, never our request, so it holds no credential.</summary>
        private static async Task<RegistryException> ErrorOfAsync(HttpResponseMessage response, string operation)
        {
            string? code = null, message = null;
            string body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
                    {
                        var first = errors[0];
                        code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
                        message = first.TryGetProperty("message", out var m) ? m.GetString() : null;
                    }
                }
            }
            catch (JsonException) { message = body.Length > 300 ? body.Substring(0, 300) : body; }
            return new RegistryException(operation, response.StatusCode, code, message ?? response.ReasonPhrase ?? "");
        }

        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }
    }
}
