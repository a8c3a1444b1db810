using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Ecs
{
    /// <summary>
    /// Member lists from the ECS model (botocore 1.43.67, tests/aws-models/ecs-2014-11-13.service-2.json),
    /// checked in so cloning needs no model file at run time. TaskDefinitionCloneTests.Checked_in_member_lists_match_the_model proves both lists
    /// against the model file; when the model is updated, that test says what to change here.
    /// </summary>
    public static class TaskDefinitionMembers
    {
        /// <summary>Members of RegisterTaskDefinitionRequest.</summary>
        public static readonly IReadOnlyCollection<string> RegisterInput = new HashSet<string>(StringComparer.Ordinal)
        {
            "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes",
            "placementConstraints", "requiresCompatibilities", "cpu", "memory", "tags", "pidMode", "ipcMode",
            "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage", "runtimePlatform", "enableFaultInjection",
        };

        /// <summary>Members of the TaskDefinition output shape that RegisterTaskDefinition does not accept:
        /// what ECS computes or stamps, never sent back.</summary>
        public static readonly IReadOnlyCollection<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
        {
            "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
            "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
        };
    }
}
