using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>The aws CLI (botocore) pointed at a test simulator, with the simulator's keys and no local AWS configuration.</summary>
public static class AwsCli
{
    public static async Task<JsonNode> Aws(this TestSimulator sim, params string[] args)
    {
        var psi = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--endpoint-url");
        psi.ArgumentList.Add(sim.BaseUri.ToString().TrimEnd('/'));
        psi.ArgumentList.Add("--output");
        psi.ArgumentList.Add("json");
        psi.Environment["AWS_ACCESS_KEY_ID"] = TestSimulator.AccessKey;
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = TestSimulator.SecretKey;
        psi.Environment["AWS_DEFAULT_REGION"] = "eu-west-2";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        psi.Environment.Remove("AWS_SESSION_TOKEN");
        psi.Environment.Remove("AWS_PROFILE");
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The aws CLI is required for these tests (Debian package awscli): " + e.Message, e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
            var text = await stdout;
            return text.Trim().Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
        }
    }
}
