using System.Collections.Generic;
using System.IO;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>An AWS environment with nothing in it but what a test names: a home without ~/.aws and
    /// no metadata endpoint, so resolution never reaches the machine's setup or the network.</summary>
    internal static class EmptyEnvironment
    {
        public static IAwsEnvironment Create(IDictionary<string, string>? variables = null, string? home = null)
        {
            var all = new Dictionary<string, string> { ["AWS_EC2_METADATA_DISABLED"] = "true" };
            if (variables != null)
            {
                foreach (var pair in variables) all[pair.Key] = pair.Value;
            }

            return new FixedAwsEnvironment(all, home ?? Path.Combine(Path.GetTempPath(), "ecsbg-netfx-no-home"));
        }
    }
}
