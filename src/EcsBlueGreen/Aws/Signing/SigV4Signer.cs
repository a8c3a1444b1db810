using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Amazon.Runtime.Internal.Auth;

namespace EcsBlueGreen.Aws.Signing
{
    /// <summary>
    /// SigV4 header signing. We build the canonical request ourselves (AWSSDK.Core 4.1.0 keeps its
    /// canonicalizer internal and its request signer needs the SDK's IRequest pipeline), then let
    /// AWSSDK.Core's public AWS4Signer derive the key, string-to-sign and signature. The published
    /// aws-sig-v4-test-suite vectors prove both halves (tests/EcsBlueGreen.Tests/Aws/SigV4VectorTests).
    /// </summary>
    public static class SigV4Signer
    {
        public const string Algorithm = "AWS4-HMAC-SHA256";

        /// <summary>Signs and returns the Authorization header value. Headers must already hold Host and
        /// X-Amz-Date (and X-Amz-Security-Token for session credentials); all given headers are signed.</summary>
        public static SigV4Signature Sign(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers,
            byte[] body, AwsCredentialSet credentials, string region, string service, DateTime signedAtUtc)
        {
            var payloadHash = HexSha256(body);
            var canonicalRequest = CanonicalRequest(method, uri, headers, payloadHash, out var signedHeaders);
            var result = AWS4Signer.ComputeSignature(credentials.AccessKey, credentials.SecretKey, region,
                signedAtUtc, service, signedHeaders, canonicalRequest);
            // ForAuthorizationHeader is the whole header value: "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
            return new SigV4Signature(canonicalRequest, signedHeaders, result.Signature, result.ForAuthorizationHeader);
        }

        public static string FormatAmzDate(DateTime utc) =>
            utc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        public static string HexSha256(byte[] data) => ToHex(AWS4Signer.ComputeHash(data));

        public static string CanonicalRequest(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers,
            string payloadHash, out string signedHeaders)
        {
            var grouped = headers
                .GroupBy(h => h.Key.Trim().ToLowerInvariant())
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(",", g.Select(h => TrimValue(h.Value)))))
                .ToList();
            signedHeaders = string.Join(";", grouped.Select(h => h.Key));

            var builder = new StringBuilder();
            builder.Append(method.ToUpperInvariant()).Append('\n');
            builder.Append(CanonicalPath(uri)).Append('\n');
            builder.Append(CanonicalQuery(uri.Query)).Append('\n');
            foreach (var header in grouped)
            {
                builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }

            builder.Append('\n');
            builder.Append(signedHeaders).Append('\n');
            builder.Append(payloadHash);
            return builder.ToString();
        }

        /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX.</summary>
        public static string UriEncode(string value, bool keepSlash = false)
        {
            var builder = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/'))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private static string CanonicalPath(Uri uri)
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            return string.IsNullOrEmpty(path) ? "/" : UriEncode(path, keepSlash: true);
        }

        private static string CanonicalQuery(string query)
        {
            if (string.IsNullOrEmpty(query) || query == "?")
            {
                return "";
            }

            var pairs = query.TrimStart('?')
                .Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(part =>
                {
                    var equals = part.IndexOf('=');
                    var key = equals < 0 ? part : part.Substring(0, equals);
                    var value = equals < 0 ? "" : part.Substring(equals + 1);
                    return new KeyValuePair<string, string>(
                        UriEncode(Uri.UnescapeDataString(key)), UriEncode(Uri.UnescapeDataString(value)));
                })
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal);
            return string.Join("&", pairs.Select(p => p.Key + "=" + p.Value));
        }

        // Trim and collapse runs of spaces (SigV4 "Trimall").
        private static string TrimValue(string value)
        {
            var builder = new StringBuilder(value.Length);
            var lastWasSpace = false;
            foreach (var c in value.Trim())
            {
                var isSpace = c == ' ' || c == '\t';
                if (isSpace && lastWasSpace)
                {
                    continue;
                }

                builder.Append(isSpace ? ' ' : c);
                lastWasSpace = isSpace;
            }

            return builder.ToString();
        }

        private static string ToHex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }

    public sealed class SigV4Signature
    {
        public SigV4Signature(string canonicalRequest, string signedHeaders, string signature, string authorization)
        {
            CanonicalRequest = canonicalRequest;
            SignedHeaders = signedHeaders;
            Signature = signature;
            Authorization = authorization;
        }

        public string CanonicalRequest { get; }
        public string SignedHeaders { get; }
        public string Signature { get; }
        /// <summary>The Authorization header value.</summary>
        public string Authorization { get; }
    }
}
