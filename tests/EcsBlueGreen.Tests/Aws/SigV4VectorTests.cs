using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Aws.Signing;
using Xunit;

namespace EcsBlueGreen.Tests.Aws
{
    /// <summary>Our canonicalization plus AWSSDK.Core's AWS4Signer reproduce AWS's published SigV4 vectors.</summary>
    public class SigV4VectorTests
    {
        private static readonly JsonObject Suite = (JsonObject)JsonNode.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Aws", "Data", "sigv4-vectors.json")))!;

        public static IEnumerable<object[]> VectorNames() =>
            ((JsonArray)Suite["vectors"]!).Select(v => new object[] { (string)v!["name"]! });

        [Theory]
        [MemberData(nameof(VectorNames))]
        public void Signature_matches_the_published_vector(string name)
        {
            var vector = ((JsonArray)Suite["vectors"]!).First(v => (string)v!["name"]! == name)!;
            var (method, uri, headers, body) = ParseRequest((string)vector["req"]!);
            var credentials = new AwsCredentialSet((string)Suite["accessKeyId"]!, (string)Suite["secretAccessKey"]!, null);
            var date = DateTime.ParseExact((string)Suite["date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

            var signature = SigV4Signer.Sign(method, uri, headers, body, credentials, (string)Suite["region"]!, (string)Suite["service"]!, date);

            Assert.Equal((string)vector["creq"]!, signature.CanonicalRequest);
            Assert.Equal((string)vector["authz"]!, signature.Authorization);
        }

        [Fact]
        public void Amz_date_is_formatted_as_the_vectors_use_it()
        {
            Assert.Equal("20150830T123600Z", SigV4Signer.FormatAmzDate(new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc)));
        }

        // The .req files are raw HTTP: request line, header lines, blank line, body.
        private static (string Method, Uri Uri, List<KeyValuePair<string, string>> Headers, byte[] Body) ParseRequest(string raw)
        {
            var parts = raw.Split(new[] { "\n\n" }, 2, StringSplitOptions.None);
            var lines = parts[0].Split('\n');
            var requestLine = lines[0];
            var method = requestLine.Substring(0, requestLine.IndexOf(' '));
            var target = requestLine.Substring(method.Length + 1, requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal) - method.Length - 1);
            var headers = lines.Skip(1).Select(line =>
            {
                var colon = line.IndexOf(':');
                return new KeyValuePair<string, string>(line.Substring(0, colon), line.Substring(colon + 1));
            }).ToList();
            var host = headers.First(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
            var body = parts.Length > 1 ? Encoding.UTF8.GetBytes(parts[1]) : Array.Empty<byte>();
            return (method, new Uri("https://" + host + target), headers, body);
        }
    }
}
