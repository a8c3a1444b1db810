using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcsBlueGreen.Retries;

namespace EcsBlueGreen.Aws.Http
{
    /// <summary>
    /// Turns a non-2xx answer into AwsServiceException (docs/aws-access.md, "Errors"). An answer that
    /// is not the protocol's error document (a proxy's or load balancer's HTML page, plain text) is
    /// described by its status and content type only: its body is never part of a message, since it
    /// may be long, markup, or echo the request.
    /// </summary>
    internal static class AwsErrorParser
    {

        public static AwsServiceException ParseJson(string service, string operation, AwsHttpResponse response, IEnumerable<string?> secrets)
        {
            string? code = response.Header("x-amzn-ErrorType");
            string? message = null;
            var text = Encoding.UTF8.GetString(response.Body);
            JsonObject? body = null;
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body != null)
            {
                code ??= StringMember(body, "code") ?? StringMember(body, "__type");
                message = StringMember(body, "message") ?? StringMember(body, "Message");
            }
            else if (text.Length > 0)
            {
                message = NotAnAwsError(response, "JSON");
            }

            code = SanitizeCode(code) ?? StatusName(response.StatusCode);
            var requestId = response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id");
            return Create(service, operation, code, message, response.StatusCode, requestId, secrets);
        }

        public static AwsServiceException ParseQuery(string service, string operation, AwsHttpResponse response, IEnumerable<string?> secrets)
        {
            string? code = null;
            string? message = null;
            string? requestId = response.Header("x-amzn-RequestId");
            var text = Encoding.UTF8.GetString(response.Body);
            try
            {
                var root = XDocument.Parse(text).Root;
                if (root != null)
                {
                    var error = FirstDescendant(root, "Error");
                    code = error == null ? null : ChildValue(error, "Code");
                    message = error == null ? null : ChildValue(error, "Message");
                    requestId ??= FirstDescendant(root, "RequestId")?.Value;
                }
            }
            catch (System.Xml.XmlException)
            {
                message = text.Length > 0 ? NotAnAwsError(response, "XML") : null;
            }

            code = SanitizeCode(code) ?? StatusName(response.StatusCode);
            return Create(service, operation, code, message, response.StatusCode, requestId, secrets);
        }

        /// <summary>Keep the part before the first ':' and then the part after '#'
        /// ("aws.ecs#ServiceNotFoundException:http://..." → "ServiceNotFoundException").</summary>
        public static string? SanitizeCode(string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            var code = raw!.Trim();
            var colon = code.IndexOf(':');
            if (colon >= 0)
            {
                code = code.Substring(0, colon);
            }

            var hash = code.LastIndexOf('#');
            if (hash >= 0)
            {
                code = code.Substring(hash + 1);
            }

            return code.Length == 0 ? null : code;
        }

        private static AwsServiceException Create(string service, string operation, string code, string? message,
            int statusCode, string? requestId, IEnumerable<string?> secrets)
        {
            var safeMessage = SecretRedactor.Redact(message ?? code, secrets);
            return new AwsServiceException(service, operation, code, safeMessage, statusCode, requestId,
                RetryClassifier.IsThrottling(code, statusCode));
        }

        private static string? StringMember(JsonObject body, string name) =>
            body.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

        private static XElement? FirstDescendant(XElement root, string localName)
        {
            if (root.Name.LocalName == localName)
            {
                return root;
            }

            foreach (var element in root.Descendants())
            {
                if (element.Name.LocalName == localName)
                {
                    return element;
                }
            }

            return null;
        }

        private static string? ChildValue(XElement parent, string localName)
        {
            foreach (var child in parent.Elements())
            {
                if (child.Name.LocalName == localName)
                {
                    return child.Value;
                }
            }

            return null;
        }

        /// <summary>"HTTP 500 answer of type text/html, not an AWS error (JSON); its body is not shown."</summary>
        internal static string NotAnAwsError(AwsHttpResponse response, string expected) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "HTTP {0} answer of type {1}, not an AWS error ({2}); its body is not shown.",
                response.StatusCode, ContentTypeOf(response), expected);

        /// <summary>The media type alone (no parameters), limited to the characters a media type has.</summary>
        internal static string ContentTypeOf(AwsHttpResponse response)
        {
            var raw = response.Header("Content-Type");
            if (string.IsNullOrWhiteSpace(raw))
            {
                return "(none)";
            }

            var mediaType = raw!.Split(';')[0].Trim();
            var safe = mediaType.Length <= 100 && mediaType.Length > 0;
            foreach (var c in mediaType)
            {
                safe &= char.IsLetterOrDigit(c) || c == '/' || c == '.' || c == '+' || c == '-' || c == '_';
            }

            return safe ? mediaType.ToLowerInvariant() : "(unrecognised)";
        }

        // Without a code in the answer, the status's name ("InternalServerError", "ServiceUnavailable"), else its number.
        private static string StatusName(int statusCode)
        {
            var name = ((System.Net.HttpStatusCode)statusCode).ToString();
            return name.Length > 0 && !char.IsDigit(name[0]) ? name : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
