using System;
using System.Linq;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Ecs;
using Xunit;

namespace EcsBlueGreen.Tests.Architecture
{
    /// <summary>
    /// EcsBlueGreen.Aws is the leaf of the core: signing, credentials, endpoints, retries and the wire
    /// protocols know nothing of ECS, ECR, ELB, deployments or images; the service clients are built
    /// on top of it by their own namespaces. Below it sit only the two foundations every layer shares,
    /// the error catalogue (EcsBlueGreen.Errors) and the retry policy (EcsBlueGreen.Retries), and
    /// those reference no other namespace of the core.
    /// </summary>
    public class AwsLayerTests
    {
        private static readonly System.Reflection.Assembly Core = typeof(AwsSession).Assembly;

        private static bool InAwsLayer(Type t) =>
            t.Namespace == "EcsBlueGreen.Aws" || (t.Namespace?.StartsWith("EcsBlueGreen.Aws.", StringComparison.Ordinal) ?? false);

        // The classifier (EcsBlueGreen.Errors.Classification) reads every layer's exceptions, so it sits above them all.
        private static bool InFoundation(Type t) => t.Namespace == "EcsBlueGreen.Errors" || t.Namespace == "EcsBlueGreen.Retries";

        private static bool IsCore(Type t) =>
            t.Assembly == Core && (t.Namespace == "EcsBlueGreen" || (t.Namespace?.StartsWith("EcsBlueGreen.", StringComparison.Ordinal) ?? false));

        private static bool IsCoreTypeOutsideAws(Type t) => IsCore(t) && !InAwsLayer(t) && !InFoundation(t);

        [Fact]
        public void The_foundations_reference_no_other_namespace_of_the_core()
        {
            var foundation = Core.GetTypes().Where(InFoundation).ToList();
            Assert.Contains(typeof(EcsBlueGreen.Errors.ErrorIds), foundation);
            Assert.Contains(typeof(EcsBlueGreen.Retries.RetryPolicy), foundation);

            var violations = foundation
                .SelectMany(t => TypeReferences.Of(t).Where(r => IsCore(r) && !InFoundation(r)).Select(r => $"{t.FullName} -> {r.FullName}"))
                .Distinct()
                .OrderBy(v => v, StringComparer.Ordinal)
                .ToList();

            Assert.True(violations.Count == 0, "EcsBlueGreen.Errors and EcsBlueGreen.Retries must not depend on the rest of the core:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void Types_of_the_Aws_namespaces_reference_no_other_namespace_of_the_core()
        {
            var awsTypes = Core.GetTypes().Where(InAwsLayer).ToList();
            Assert.Contains(typeof(AwsSession), awsTypes);

            var violations = awsTypes
                .SelectMany(t => TypeReferences.Of(t).Where(IsCoreTypeOutsideAws).Select(r => $"{t.FullName} -> {r.FullName}"))
                .Distinct()
                .OrderBy(v => v, StringComparer.Ordinal)
                .ToList();

            Assert.True(violations.Count == 0, "EcsBlueGreen.Aws must depend on nothing of the core but the error catalogue and the retry policy:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void The_reference_scan_sees_signatures_and_method_bodies()
        {
            // Guards the test above against a scanner that finds nothing.
            var references = TypeReferences.Of(typeof(ScanFixture));
            Assert.Contains(typeof(IEcsApi), references);                 // parameter
            Assert.Contains(typeof(EcsBlueGreen.Ecs.Model.EcsService), references); // constructed in a body only
            Assert.Contains(typeof(DeploymentStatus), references);        // generic argument of a local
            Assert.Contains(typeof(AwsServiceId), references);            // static field read in a body
        }

        private sealed class ScanFixture
        {
            public static object Signature(IEcsApi ecs) => ecs;

            public static object Body()
            {
                var statuses = new System.Collections.Generic.List<DeploymentStatus>();
                return new object[] { new EcsBlueGreen.Ecs.Model.EcsService(), statuses, AwsServiceId.Ecr };
            }
        }
    }
}
