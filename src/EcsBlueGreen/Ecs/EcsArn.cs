using System;

namespace EcsBlueGreen.Ecs
{
    /// <summary>
    /// An ECS resource ARN taken apart: arn:partition:ecs:region:account:type/path. Only what the
    /// module needs to tell whether an ARN a user passed points where the connection goes.
    /// </summary>
    public sealed class EcsArn
    {
        private EcsArn(string text, string partition, string region, string account, string resourceType, string resourcePath)
        {
            Text = text;
            Partition = partition;
            Region = region;
            Account = account;
            ResourceType = resourceType;
            ResourcePath = resourcePath;
        }

        public string Text { get; }
        public string Partition { get; }
        public string Region { get; }
        public string Account { get; }
        /// <summary>cluster, service, task-definition, ...</summary>
        public string ResourceType { get; }
        /// <summary>What follows the type: "myservice", "myservice/web", "family:3".</summary>
        public string ResourcePath { get; }

        /// <summary>The last path segment: the resource's own name (family:revision for a task definition).</summary>
        public string Name => ResourcePath.Substring(ResourcePath.LastIndexOf('/') + 1);

        /// <summary>The cluster a long-form service ARN names (service/cluster/name); null for the old short form.</summary>
        public string? ServiceCluster
        {
            get
            {
                var slash = ResourcePath.IndexOf('/');
                return ResourceType == "service" && slash > 0 ? ResourcePath.Substring(0, slash) : null;
            }
        }

        public static bool LooksLikeArn(string? text) => text != null && text.StartsWith("arn:", StringComparison.Ordinal);

        /// <summary>False when the text is not an ECS ARN of the shape arn:partition:ecs:region:account:type/path.</summary>
        public static bool TryParse(string? text, out EcsArn? arn)
        {
            arn = null;
            if (!LooksLikeArn(text))
            {
                return false;
            }

            var parts = text!.Split(new[] { ':' }, 6);
            if (parts.Length != 6 || parts[2] != "ecs" || parts[1].Length == 0 || parts[3].Length == 0 || parts[4].Length == 0)
            {
                return false;
            }

            var slash = parts[5].IndexOf('/');
            if (slash <= 0 || slash == parts[5].Length - 1)
            {
                return false;
            }

            arn = new EcsArn(text, parts[1], parts[3], parts[4], parts[5].Substring(0, slash), parts[5].Substring(slash + 1));
            return true;
        }

        /// <summary>The name in a name-or-ARN argument (the text itself when it is not an ARN).</summary>
        public static string NameOf(string nameOrArn) =>
            TryParse(nameOrArn, out var arn) ? arn!.Name : nameOrArn;

        public override string ToString() => Text;
    }
}
