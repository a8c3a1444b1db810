using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>A minimal SigV4 signer for the tests' requests (POST / only). The aws CLI tests check the verifier independently.</summary>
public static class TestSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, string service, string region, string accessKey, string secretKey, string? sessionToken = null)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = request.RequestUri!.Authority;
        request.Headers.Host = host;
        request.Headers.Add("X-Amz-Date", amzDate);
        if (sessionToken != null) request.Headers.Add("X-Amz-Security-Token", sessionToken);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = amzDate };
        if (sessionToken != null) headers["x-amz-security-token"] = sessionToken;
        if (request.Headers.TryGetValues("X-Amz-Target", out var target)) headers["x-amz-target"] = target.First();
        var contentType = request.Content?.Headers.ContentType?.ToString();
        if (contentType != null) headers["content-type"] = contentType;
        var signed = string.Join(";", headers.Keys);
        var canonical = string.Join("\n", request.Method.Method, request.RequestUri.AbsolutePath, "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")), signed, Hex(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date), region), service), "aws4_request");
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signed}, Signature={Hex(Hmac(key, toSign))}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);
}
