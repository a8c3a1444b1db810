using System.Text;
using System.Xml;
using EcsBlueGreen.Simulator.Faults;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>Form parameters of an awsQuery call, with the <c>Name.member.N</c> list convention.</summary>
public sealed class QueryInput(IReadOnlyDictionary<string, string> values)
{
    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Required(string name) =>
        Get(name) is { Length: > 0 } v ? v : throw new AwsException("ValidationError", $"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null", 400, "ValidationError");

    public List<string> List(string name)
    {
        var result = new List<string>();
        for (var i = 1; values.TryGetValue($"{name}.member.{i}", out var v); i++) result.Add(v);
        return result;
    }

    /// <summary>Indexes N that exist for <c>Name.member.N.*</c> (lists of structures).</summary>
    public IEnumerable<int> StructureIndexes(string name)
    {
        for (var i = 1; values.Keys.Any(k => k.StartsWith($"{name}.member.{i}.", StringComparison.Ordinal)); i++) yield return i;
    }
}

public delegate void QueryOperation(OperationContext context, QueryInput input, XmlWriter result);

/// <summary>ELBv2 over awsQuery: XML answers with the result wrapper and ResponseMetadata, ErrorResponse on errors.</summary>
public static class QueryEndpoint
{
    public const string Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    public static async Task Handle(Simulation simulation, HttpContext http, byte[] body)
    {
        var requestId = Guid.NewGuid().ToString();
        var form = ParseForm(Encoding.UTF8.GetString(body));
        var action = form.GetValueOrDefault("Action") ?? "";
        var key = "ELBv2." + action;
        simulation.Requests.Count(key);
        var logged = AwsEndpoint.BeginLog(simulation, http, "ELBv2", action, body);
        int? status = null;
        try
        {
            var identity = simulation.Verifier.Verify(http.Request, body, "elasticloadbalancing");
            var proceed = await AwsEndpoint.ApplyFaults(simulation, http, key, kind => kind switch
            {
                FaultKind.Throttle => new AwsException("ThrottlingException", "Rate exceeded", 400, "Throttling"),
                FaultKind.ServerError500 => new AwsException("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, senderFault: false),
                _ => new AwsException("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503, senderFault: false),
            });
            if (!proceed) return;
            if (!Elb.ElbOperations.All.TryGetValue(action, out var handler))
                throw new AwsException("InvalidAction", $"The action {action} is not valid for this web service.", 400, "InvalidAction");
            var output = new StringBuilder();
            using (var w = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                w.WriteStartElement(action + "Response", Namespace);
                w.WriteStartElement(action + "Result");
                lock (simulation.Gate)
                {
                    var world = simulation.WorldFor(identity.Region);
                    logged.Time = world.Now;
                    handler(new OperationContext(simulation, world, identity, http.Request, requestId), new QueryInput(form), w);
                }
                w.WriteEndElement();
                w.WriteStartElement("ResponseMetadata");
                w.WriteElementString("RequestId", requestId);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            status = 200;
            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/xml";
            http.Response.Headers["x-amzn-RequestId"] = requestId;
            await http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + output);
        }
        catch (AwsException e)
        {
            var output = new StringBuilder();
            using (var w = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                w.WriteStartElement("ErrorResponse", Namespace);
                w.WriteStartElement("Error");
                w.WriteElementString("Type", e.SenderFault ? "Sender" : "Receiver");
                w.WriteElementString("Code", e.QueryCode);
                w.WriteElementString("Message", e.Message);
                w.WriteEndElement();
                w.WriteElementString("RequestId", requestId);
                w.WriteEndElement();
            }
            http.Response.StatusCode = e.Status;
            status = e.Status;
            http.Response.ContentType = "text/xml";
            http.Response.Headers["x-amzn-RequestId"] = requestId;
            await http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + output);
        }
        finally
        {
            simulation.RequestLog.Complete(logged, status);
        }
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            result[k] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return result;
    }
}
