using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>
/// Checks AWS Signature Version 4 on an incoming request, written from the published algorithm
/// (canonical request -> string to sign -> HMAC chain) and sharing nothing with any client signer.
/// </summary>
public sealed class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> secrets;
    private readonly TimeProvider wallClock;

    public SigV4Verifier(IReadOnlyDictionary<string, string> secretsByAccessKey, TimeProvider wallClock)
    {
        secrets = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(secretsByAccessKey, StringComparer.Ordinal);
        this.wallClock = wallClock;
    }

    /// <summary>Accepts one more key pair from now on (another principal of the simulated account).</summary>
    public void Accept(string accessKey, string secretKey) => secrets[accessKey] = secretKey;

    public sealed record Identity(string AccessKey, string Region, string Service);

    /// <summary>Returns the verified identity or throws the error AWS would send.</summary>
    public Identity Verify(HttpRequest request, byte[] body, string expectedService)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
            throw new AwsException("MissingAuthenticationTokenException", "Missing Authentication Token", 403, "MissingAuthenticationToken");
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            throw new AwsException("IncompleteSignatureException", $"Unsupported authorization type: {authorization.Split(' ')[0]}", 400, "IncompleteSignature");

        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
            throw new AwsException("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", 400, "IncompleteSignature");

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            throw new AwsException("IncompleteSignatureException", $"Credential should be scoped to a valid region, not '{credential}'.", 400, "IncompleteSignature");
        var (accessKey, date, region, service) = (scope[0], scope[1], scope[2], scope[3]);

        if (!secrets.TryGetValue(accessKey, out var secret))
            throw new AwsException("UnrecognizedClientException", "The security token included in the request is invalid.", 403, "InvalidClientTokenId");
        if (service != expectedService)
            throw new AwsException("InvalidSignatureException", $"Credential should be scoped to correct service: '{expectedService}'.", 403, "SignatureDoesNotMatch");

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
            throw new AwsException("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", 400, "IncompleteSignature");
        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
            throw new AwsException("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{amzDate[..8]}'", 403, "SignatureDoesNotMatch");
        // Signatures are made with the caller's wall clock, never with simulated time.
        if (Math.Abs((wallClock.GetUtcNow().UtcDateTime - signedAt).TotalMinutes) > 15)
            throw new AwsException("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier or later than the allowed skew of 15 minutes.", 403, "SignatureDoesNotMatch");

        var canonical = CanonicalRequest(request, body, signedHeaders);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), service), "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
            throw new AwsException("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                403, "SignatureDoesNotMatch");
        return new Identity(accessKey, region, service);
    }

    /// <summary>The region of the Authorization header's credential scope, verified or not (for the request log).</summary>
    public static string? ScopeRegion(HttpRequest request) => ScopePart(request, 2);

    /// <summary>The access key id of the Authorization header's credential scope, verified or not (for the request log).</summary>
    public static string? ScopeAccessKey(HttpRequest request) => ScopePart(request, 0);

    private static string? ScopePart(HttpRequest request, int index)
    {
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0) return null;
        var end = authorization.IndexOf(',', start);
        var scope = (end < 0 ? authorization[(start + "Credential=".Length)..] : authorization[(start + "Credential=".Length)..end]).Split('/');
        return scope.Length == 5 ? scope[index] : null;
    }

    public static string CanonicalRequest(HttpRequest request, byte[] body, string signedHeaders)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.PathBase + request.Path + request.QueryString);
        var q = rawTarget.IndexOf('?');
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? "" : rawTarget[(q + 1)..];

        var headerLines = signedHeaders.Split(';').Select(name =>
        {
            var values = request.Headers[name].Select(v => CollapseSpaces(v ?? ""));
            return $"{name}:{string.Join(",", values)}\n";
        });
        var payloadHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        if (string.IsNullOrEmpty(payloadHash) || payloadHash.StartsWith("STREAMING", StringComparison.Ordinal))
            payloadHash = Hex(SHA256.HashData(body));

        return string.Join("\n",
            request.Method,
            CanonicalPath(rawPath),
            CanonicalQuery(rawQuery),
            string.Concat(headerLines),
            signedHeaders,
            payloadHash);
    }

    /// <summary>Non-S3 services encode the already-encoded path once more (so '%' becomes '%25').</summary>
    private static string CanonicalPath(string rawPath) =>
        rawPath.Length == 0 ? "/" : string.Join("/", rawPath.Split('/').Select(Encode));

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0) return "";
        return string.Join("&", rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=');
                var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                var v = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                return (Key: Encode(k), Value: Encode(v));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters.</summary>
    public static string Encode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string CollapseSpaces(string v) => string.Join(' ', v.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
