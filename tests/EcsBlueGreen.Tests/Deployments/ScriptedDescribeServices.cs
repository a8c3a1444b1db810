using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Tests.Deployments
{
    /// <summary>
    /// A FakeEcs whose DescribeServices runs a script per call (1-based): answer at once, answer late
    /// on the fake clock, hang until cancelled, or fail to connect. Everything else is the FakeEcs's.
    /// </summary>
    internal sealed class ScriptedDescribeServices : ForwardingEcs
    {
        private readonly FakeEcs _inner;
        private readonly Func<int, FakeEcs, CancellationToken, Task<DescribeServicesResult>> _script;
        private int _calls;

        public ScriptedDescribeServices(FakeEcs inner, Func<int, FakeEcs, CancellationToken, Task<DescribeServicesResult>> script)
            : base(inner)
        {
            _inner = inner;
            _script = script;
        }

        /// <summary>DescribeServices calls begun, answered or not.</summary>
        public int Calls => Volatile.Read(ref _calls);

        public override Task<DescribeServicesResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken) =>
            _script(Interlocked.Increment(ref _calls), _inner, cancellationToken);

        /// <summary>What the FakeEcs answers now.</summary>
        public static Task<DescribeServicesResult> Answer(FakeEcs ecs, CancellationToken cancellationToken) =>
            ecs.DescribeServicesAsync(Scenario.Cluster, new[] { Scenario.ServiceName }, cancellationToken);
    }
}
