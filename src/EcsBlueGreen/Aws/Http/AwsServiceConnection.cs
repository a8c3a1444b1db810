using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws.Credentials;
using EcsBlueGreen.Aws.Signing;

namespace EcsBlueGreen.Aws.Http
{
    /// <summary>
    /// Signs and sends one attempt to one service endpoint. No retries here (RetryingInvoker does them);
    /// a failure without an HTTP answer becomes an AttemptFailure that says whether the request may
    /// have reached the service.
    /// </summary>
    internal sealed class AwsServiceConnection
    {
        private readonly HttpClient _http;
        private readonly ICredentialProvider _credentials;
        private readonly TimeProvider _time;

        public AwsServiceConnection(AwsServiceDescriptor service, Uri endpoint, string region, HttpClient http,
            ICredentialProvider credentials, TimeProvider time)
        {
            Service = service;
            Endpoint = endpoint;
            Region = region;
            _http = http;
            _credentials = credentials;
            _time = time;
            ServerClock = new AwsServerClock(time);
        }

        public AwsServiceDescriptor Service { get; }
        public Uri Endpoint { get; }
        public string Region { get; }

        /// <summary>AWS's time, from the Date header of this endpoint's last answer.</summary>
        public AwsServerClock ServerClock { get; }

        /// <summary>The secrets the last resolved credentials hold, for redacting AWS messages.</summary>
        public IReadOnlyList<string?> KnownSecrets { get; private set; } = Array.Empty<string?>();

        public async Task<AwsHttpResponse> SendOnceAsync(AwsHttpRequest request, TimeSpan attemptTimeout, CancellationToken cancellationToken)
        {
            var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            KnownSecrets = new[] { credentials.SecretKey, credentials.SessionToken };

            var uri = new Uri(Endpoint, "/");
            var signedAt = _time.GetUtcNow().UtcDateTime;
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Host", uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port),
                new KeyValuePair<string, string>("Content-Type", request.ContentType),
                new KeyValuePair<string, string>("X-Amz-Date", SigV4Signer.FormatAmzDate(signedAt)),
            };
            headers.AddRange(request.ExtraHeaders);
            if (credentials.SessionToken != null)
            {
                headers.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken));
            }

            var signature = SigV4Signer.Sign("POST", uri, headers, request.Body, credentials, Region, Service.SigningName, signedAt);

            using (var message = new HttpRequestMessage(HttpMethod.Post, uri))
            using (var attemptCts = _time.CreateCancellationTokenSource(attemptTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptCts.Token))
            {
                var content = new ByteArrayContent(request.Body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
                message.Content = content;
                foreach (var header in request.ExtraHeaders)
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                message.Headers.TryAddWithoutValidation("X-Amz-Date", SigV4Signer.FormatAmzDate(signedAt));
                if (credentials.SessionToken != null)
                {
                    message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
                }

                message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
                // .NET Framework would otherwise announce every POST with "Expect: 100-continue" and wait
                // for the interim answer before sending a body of a few hundred bytes: a round trip per call.
                message.Headers.ExpectContinue = false;
                message.Headers.UserAgent.ParseAdd("EcsBlueGreen/" + typeof(AwsServiceConnection).Assembly.GetName().Version);

                try
                {
                    using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false))
                    {
                        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        if (response.Headers.Date is DateTimeOffset serverDate)
                        {
                            ServerClock.Observe(serverDate);
                        }

                        var responseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        foreach (var header in response.Headers)
                        {
                            responseHeaders[header.Key] = string.Join(",", header.Value);
                        }

                        foreach (var header in response.Content.Headers)
                        {
                            responseHeaders[header.Key] = string.Join(",", header.Value);
                        }

                        return new AwsHttpResponse((int)response.StatusCode, responseHeaders, body);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    // Our attempt timer fired (HttpClient.Timeout is infinite): the request may have been processed.
                    throw new AttemptFailure($"{Service.DisplayName} {request.Operation} timed out after {attemptTimeout.TotalSeconds:0} s.",
                        outcomeUnknown: true, isTimeout: true, ex);
                }
                catch (HttpRequestException ex)
                {
                    var neverSent = NeverSent(ex);
                    throw new AttemptFailure($"{Service.DisplayName} {request.Operation}: {ex.Message}",
                        outcomeUnknown: !neverSent, isTimeout: false, ex, unreachable: neverSent);
                }
                catch (IOException ex)
                {
                    throw new AttemptFailure($"{Service.DisplayName} {request.Operation}: {ex.Message}",
                        outcomeUnknown: true, isTimeout: false, ex);
                }
            }
        }

        // Connection refused, no route, DNS failure: the request never left, so resending cannot duplicate it.
        private static bool NeverSent(Exception ex)
        {
            for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                            return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>One attempt that got no HTTP answer.</summary>
    internal sealed class AttemptFailure : Exception
    {
        public AttemptFailure(string message, bool outcomeUnknown, bool isTimeout, Exception inner, bool unreachable = false)
            : base(message, inner)
        {
            OutcomeUnknown = outcomeUnknown;
            IsTimeout = isTimeout;
            Unreachable = unreachable;
        }

        public bool OutcomeUnknown { get; }
        public bool IsTimeout { get; }

        /// <summary>No connection could be made (refused, no route, unknown host).</summary>
        public bool Unreachable { get; }
    }
}
