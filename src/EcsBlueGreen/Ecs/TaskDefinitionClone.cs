using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Ecs
{
    /// <summary>
    /// Turns a described task definition into RegisterTaskDefinition input without a typed model in between,
    /// so nothing is lost: only the read-only members (in the TaskDefinition output, not in the Register
    /// input) are dropped; every other member, including ones added to ECS after this code was written, is
    /// carried. Peer tools lost ephemeralStorage, runtimePlatform, pidMode, ipcMode, dependsOn exactly here.
    /// </summary>
    public static class TaskDefinitionClone
    {
        /// <param name="described">DescribeTaskDefinition's answer (include TAGS for tags to be carried).</param>
        /// <param name="model">The ECS model, to derive the read-only set from it; null uses the checked-in lists.</param>
        public static JsonObject ToRegisterInput(TaskDefinitionDescription described, ServiceModel? model = null)
        {
            if (described == null) throw new ArgumentNullException(nameof(described));

            var readOnly = model == null ? TaskDefinitionMembers.ReadOnly : ReadOnlyMembers(model);
            var input = new JsonObject();
            foreach (var member in described.TaskDefinition)
            {
                if (readOnly.Contains(member.Key) || member.Value == null)
                {
                    continue;
                }

                input[member.Key] = member.Value.DeepClone();
            }

            if (described.Tags != null && described.Tags.Count > 0)
            {
                input["tags"] = described.Tags.DeepClone();
            }

            return input;
        }

        /// <summary>TaskDefinition output members that RegisterTaskDefinitionRequest does not have.</summary>
        public static IReadOnlyCollection<string> ReadOnlyMembers(ServiceModel model)
        {
            var input = new HashSet<string>(model.MemberNames(model.InputShapeName("RegisterTaskDefinition")!), StringComparer.Ordinal);
            var outputShape = model.MemberShape(model.OutputShapeName("DescribeTaskDefinition")!, "taskDefinition");
            var readOnly = new HashSet<string>(model.MemberNames(outputShape).Where(m => !input.Contains(m)), StringComparer.Ordinal);
            // Known read-only members stay dropped even if a model version stopped listing one of them.
            readOnly.UnionWith(TaskDefinitionMembers.ReadOnly);
            return readOnly;
        }
    }
}
