using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsBlueGreen.Simulator.Tests.Infrastructure;

namespace EcsBlueGreen.Simulator.Tests;

public sealed class RegistryAndEcrTests
{
    private static string Digest(byte[] b) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(b));

    private static async Task<HttpClient> Login(TestSimulator sim)
    {
        var auth = await sim.Ecr("GetAuthorizationToken");
        var data = auth["authorizationData"]![0]!;
        Assert.Equal(sim.BaseUri.ToString().TrimEnd('/'), data["proxyEndpoint"]!.GetValue<string>());
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(data["authorizationToken"]!.GetValue<string>()));
        Assert.StartsWith("AWS:", decoded);
        var client = new HttpClient { BaseAddress = sim.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", data["authorizationToken"]!.GetValue<string>());
        return client;
    }

    [Fact]
    public async Task UnauthenticatedRegistryCallsGet401WithBasicChallenge()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
        using var client = await Login(sim);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/")).StatusCode);
    }

    [Fact]
    public async Task PushAndPullRoundTripWithDigestsChunksAndMount()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var client = await Login(sim);
        await sim.Ecr("CreateRepository", new { repositoryName = "team/app", imageTagMutability = "IMMUTABLE" });

        // Monolithic upload of the config; a wrong digest is refused.
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"SIM_START_SECONDS\":\"3\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        var bad = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={Digest(new byte[] { 1 })}", new ByteArrayContent(config));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("DIGEST_INVALID", await bad.Content.ReadAsStringAsync());
        var ok = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={Digest(config)}", new ByteArrayContent(config));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(Digest(config), ok.Headers.GetValues("Docker-Content-Digest").Single());

        // Chunked upload of the layer: POST, PATCH with Content-Range, PUT ?digest=.
        var layer = RandomNumberGenerator.GetBytes(3000);
        var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!;
        for (var offset = 0; offset < layer.Length; offset += 1000)
        {
            var chunk = new ByteArrayContent(layer, offset, 1000);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = chunk };
            patch.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + 999}");
            var patched = await client.SendAsync(patch);
            Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
            Assert.Equal($"0-{offset + 999}", patched.Headers.GetValues("Range").Single());
            location = patched.Headers.Location!;
        }
        using var outOfOrder = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(new byte[] { 1 }) };
        outOfOrder.Content.Headers.TryAddWithoutValidation("Content-Range", "5-5");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await client.SendAsync(outOfOrder)).StatusCode);
        var put = await client.PutAsync(location + (location.ToString().Contains('?') ? "&" : "?") + "digest=" + Digest(layer), new ByteArrayContent(Array.Empty<byte>()));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Digest(config), ["size"] = config.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = Digest(layer), ["size"] = layer.Length }),
        };
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var manifestContent = new ByteArrayContent(manifestBytes);
        manifestContent.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var pushed = await client.PutAsync("/v2/team/app/manifests/3.0", manifestContent);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        Assert.Equal(Digest(manifestBytes), pushed.Headers.GetValues("Docker-Content-Digest").Single());

        var byTag = await client.GetAsync("/v2/team/app/manifests/3.0");
        Assert.Equal(manifestBytes, await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(Digest(manifestBytes), byTag.Headers.GetValues("Docker-Content-Digest").Single());
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/manifests/{Digest(manifestBytes)}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(head)).StatusCode);
        Assert.Equal(layer, await client.GetByteArrayAsync($"/v2/team/app/blobs/{Digest(layer)}"));

        var images = await sim.Ecr("DescribeImages", new { repositoryName = "team/app", imageIds = new[] { new { imageTag = "3.0" } } });
        var detail = images["imageDetails"]![0]!;
        Assert.Equal(config.Length + layer.Length, detail["imageSizeInBytes"]!.GetValue<long>());
        Assert.Equal(Digest(manifestBytes), detail["imageDigest"]!.GetValue<string>());
        var got = await sim.Ecr("BatchGetImage", new { repositoryName = "team/app", imageIds = new[] { new { imageTag = "3.0" } } });
        Assert.Equal(manifest.ToJsonString(), got["images"]![0]!["imageManifest"]!.GetValue<string>());

        // Cross-repository mount of a seed blob, then the immutable tag refuses another image.
        var seed = await sim.Ecr("BatchGetImage", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = "2.0" } } });
        var seedManifest = seed["images"]![0]!["imageManifest"]!.GetValue<string>();
        var seedJson = JsonNode.Parse(seedManifest)!;
        foreach (var d in seedJson["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()).Append(seedJson["config"]!["digest"]!.GetValue<string>()))
        {
            var mounted = await client.PostAsync($"/v2/team/app/blobs/uploads/?mount={d}&from=myapplication", null);
            Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        }
        var immutable = await Assert.ThrowsAsync<AwsError>(() => sim.Ecr("PutImage", new { repositoryName = "team/app", imageManifest = seedManifest, imageTag = "3.0" }));
        Assert.Equal("ImageTagAlreadyExistsException", immutable.Code);
        await sim.Ecr("PutImage", new { repositoryName = "team/app", imageManifest = seedManifest, imageTag = "2.0-copy" });

        var counts = await sim.Control("/_simulator/requests");
        Assert.Equal(2, counts["Registry.BlobMount"]!.GetValue<int>());
        Assert.Equal(1, counts["Registry.ManifestPut"]!.GetValue<int>());
        Assert.Equal(4, counts["Registry.BlobUploadChunk"]!.GetValue<int>()); // three chunks and the refused out-of-order one
        Assert.True(counts["Registry.BlobUpload"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task PutImageRetagsWithoutPullingAndRefusesNoOps()
    {
        await using var sim = await TestSimulator.StartAsync();
        var src = await sim.Ecr("BatchGetImage", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = "2.0" } } });
        var image = src["images"]![0]!;
        var put = await sim.Ecr("PutImage", new { repositoryName = "myapplication", imageManifest = image["imageManifest"]!.GetValue<string>(), imageManifestMediaType = image["imageManifestMediaType"]!.GetValue<string>(), imageTag = "release" });
        Assert.Equal(image["imageId"]!["imageDigest"]!.GetValue<string>(), put["image"]!["imageId"]!["imageDigest"]!.GetValue<string>());
        var again = await Assert.ThrowsAsync<AwsError>(() => sim.Ecr("PutImage", new { repositoryName = "myapplication", imageManifest = image["imageManifest"]!.GetValue<string>(), imageTag = "release" }));
        Assert.Equal("ImageAlreadyExistsException", again.Code);
        var described = await sim.Ecr("DescribeImages", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = "release" } } });
        Assert.Equal(new[] { "2.0", "release" }, described["imageDetails"]![0]!["imageTags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var missing = await Assert.ThrowsAsync<AwsError>(() => sim.Ecr("DescribeImages", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = "9.9" } } }));
        Assert.Equal("ImageNotFoundException", missing.Code);
        var noRepo = await Assert.ThrowsAsync<AwsError>(() => sim.Ecr("DescribeImages", new { repositoryName = "nope" }));
        Assert.Equal("RepositoryNotFoundException", noRepo.Code);
        var failures = await sim.Ecr("BatchGetImage", new { repositoryName = "myapplication", imageIds = new[] { new { imageTag = "9.9" } } });
        Assert.Equal("ImageNotFound", failures["failures"]![0]!["failureCode"]!.GetValue<string>());
        var dup = await Assert.ThrowsAsync<AwsError>(() => sim.Ecr("CreateRepository", new { repositoryName = "myapplication" }));
        Assert.Equal("RepositoryAlreadyExistsException", dup.Code);
        var repos = await sim.Ecr("DescribeRepositories", new { repositoryNames = new[] { "myapplication" } });
        Assert.Equal("123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication", repos["repositories"]![0]!["repositoryUri"]!.GetValue<string>());
        Assert.Equal("MUTABLE", repos["repositories"]![0]!["imageTagMutability"]!.GetValue<string>());

        var layers = JsonNode.Parse(image["imageManifest"]!.GetValue<string>())!["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()).ToList();
        var check = await sim.Ecr("BatchCheckLayerAvailability", new { repositoryName = "myapplication", layerDigests = layers.Append("sha256:" + new string('0', 64)).ToArray() });
        Assert.Equal("AVAILABLE", check["layers"]![0]!["layerAvailability"]!.GetValue<string>());
        Assert.Equal("MissingLayerDigest", check["failures"]![0]!["failureCode"]!.GetValue<string>());
    }
}
