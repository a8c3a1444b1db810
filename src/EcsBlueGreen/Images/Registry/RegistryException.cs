using System;
using System.Net;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Images
{
    /// <summary>A registry (OCI distribution API) request that failed, with the registry's own error code
    /// (BLOB_UNKNOWN, MANIFEST_INVALID, TAG_INVALID, DENIED...) when it sent one.</summary>
    public sealed class RegistryException : ImagePublishException
    {
        public RegistryException(string operation, HttpStatusCode? status, string? registryCode, string detail, Exception? inner = null)
            : base(ErrorFor(status, registryCode), $"{operation} failed: {(status.HasValue ? ((int)status.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " : "")}{registryCode} {detail}".TrimEnd(), operation, inner)
        {
            StatusCode = status;
            RegistryCode = registryCode;
        }

        public HttpStatusCode? StatusCode { get; }
        public string? RegistryCode { get; }

        /// <summary>Worth retrying: no answer, throttled, or a server-side failure.</summary>
        public bool IsTransient => IsTransientAnswer(StatusCode, RegistryCode);

        /// <summary>The registry client already sent this request under the retry policy (it could rebuild
        /// it); trying the whole blob again would only repeat those attempts.</summary>
        public bool RetriedByClient { get; internal set; }

        private static bool IsTransientAnswer(HttpStatusCode? status, string? registryCode) =>
            status == null || RetryClassifier.IsRetryable(registryCode, (int)status.Value);

        private static ErrorDefinition ErrorFor(HttpStatusCode? status, string? registryCode) =>
            status == HttpStatusCode.Unauthorized || status == HttpStatusCode.Forbidden ? ErrorIds.RegistryAuthenticationFailed
            : IsTransientAnswer(status, registryCode) ? ErrorIds.RegistryUnavailable
            : ErrorIds.RegistryRequestFailed;
    }
}
