using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using EcsBlueGreen.Aws.Http;
using EcsBlueGreen.Aws.Retry;
using EcsBlueGreen.Aws.Signing;

namespace EcsBlueGreen.Aws.Protocol
{
    /// <summary>
    /// awsQuery (ELBv2): form-encoded Action/Version/params in, XML out; returns the &lt;OpResult&gt;
    /// element (docs/aws-access.md, "awsQuery").
    /// </summary>
    internal sealed class QueryProtocolClient
    {
        public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

        private readonly AwsServiceConnection _connection;
        private readonly RetryingInvoker _invoker;
        private readonly string _apiVersion;

        public QueryProtocolClient(AwsServiceConnection connection, RetryingInvoker invoker, string apiVersion)
        {
            _connection = connection;
            _invoker = invoker;
            _apiVersion = apiVersion;
        }

        public AwsHttpRequest BuildRequest(string action, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var all = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Action", action),
                new KeyValuePair<string, string>("Version", _apiVersion),
            };
            all.AddRange(parameters);
            var form = string.Join("&", all.Select(p => SigV4Signer.UriEncode(p.Key) + "=" + SigV4Signer.UriEncode(p.Value)));
            return new AwsHttpRequest(action, ContentType, Encoding.UTF8.GetBytes(form), System.Array.Empty<KeyValuePair<string, string>>());
        }

        public Task<XElement> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
        {
            var request = BuildRequest(action, parameters);
            var service = _connection.Service.DisplayName;
            return _invoker.InvokeAsync(_connection, request,
                response => ParseResult(service, action, response),
                response => AwsErrorParser.ParseQuery(service, action, response, _connection.KnownSecrets),
                null, cancellationToken);
        }

        /// <summary>The &lt;ActionResult&gt; element, or an empty one when the service omitted it.</summary>
        internal static XElement ParseResult(string service, string action, AwsHttpResponse response)
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(Encoding.UTF8.GetString(response.Body));
            }
            catch (XmlException ex)
            {
                throw new AwsServiceException(service, action, "InvalidResponse", "The response body is not valid XML: " + ex.Message,
                    response.StatusCode, response.Header("x-amzn-RequestId"), false);
            }

            var result = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
            return result ?? new XElement(action + "Result");
        }
    }
}
