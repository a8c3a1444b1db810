using System;
using System.Net;

namespace EcsBlueGreen.Images
{
    /// <summary>A registry (OCI distribution API) request that failed, with the registry's own error code
    /// (BLOB_UNKNOWN, MANIFEST_INVALID, TAG_INVALID, DENIED...) when it sent one.</summary>
    public sealed class RegistryException : ImagePublishException
    {
        public RegistryException(string operation, HttpStatusCode? status, string? registryCode, string detail, Exception? inner = null)
            : base(IdFor(status), KindFor(status), $"{operation} failed: {(status.HasValue ? ((int)status.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " : "")}{registryCode} {detail}".TrimEnd(), operation, inner)
        {
            StatusCode = status;
            RegistryCode = registryCode;
        }

        public HttpStatusCode? StatusCode { get; }
        public string? RegistryCode { get; }

        /// <summary>Worth retrying: no answer, throttled, or a server-side failure.</summary>
        public bool IsTransient => StatusCode == null || (int)StatusCode.Value == 429 || (int)StatusCode.Value >= 500;

        private static string IdFor(HttpStatusCode? s) =>
            s == HttpStatusCode.Unauthorized || s == HttpStatusCode.Forbidden ? ImageErrorIds.RegistryAuthenticationFailed : ImageErrorIds.RegistryRequestFailed;

        private static ImageErrorKind KindFor(HttpStatusCode? s) =>
            s == HttpStatusCode.Unauthorized || s == HttpStatusCode.Forbidden ? ImageErrorKind.PermissionDenied
            : s == HttpStatusCode.NotFound ? ImageErrorKind.ObjectNotFound
            : s == null || (int)s.Value >= 500 ? ImageErrorKind.ConnectionError
            : ImageErrorKind.InvalidOperation;
    }
}
