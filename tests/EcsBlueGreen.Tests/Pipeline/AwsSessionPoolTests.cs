using System;
using System.Collections.Generic;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Pipeline;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Pipeline
{
    /// <summary>One session and one ECS client per distinct connection within an invocation; all disposed with it.</summary>
    public class AwsSessionPoolTests : IDisposable
    {
        private readonly TestEnvironment _env = new TestEnvironment();
        private readonly List<AwsSession> _resolved = new List<AwsSession>();

        public void Dispose() => _env.Dispose();

        private AwsSessionPool NewPool() => new AwsSessionPool(options =>
        {
            var session = AwsSession.Resolve(options, _env.Build());
            _resolved.Add(session);
            return session;
        });

        private static AwsConnectionOptions Options(string region) => new AwsConnectionOptions
        {
            Region = region,
            EndpointUrl = "http://127.0.0.1:5000",
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        };

        [Fact]
        public void Equal_connections_share_one_session_and_one_ecs_client_and_regions_do_not()
        {
            using var pool = NewPool();
            var first = pool.For(Options("eu-west-2"));
            var second = pool.For(Options("eu-west-2"));
            var otherRegion = pool.For(Options("us-east-1"));

            Assert.Same(first, second);
            Assert.Same(first.Ecs, second.Ecs);
            Assert.NotSame(first, otherRegion);
            Assert.NotSame(first.Ecs, otherRegion.Ecs);
            Assert.Equal("us-east-1", otherRegion.Session.Region);
            Assert.Equal(2, pool.Count);

            // The duplicate resolved to compare is dropped at once; the pooled ones live on.
            Assert.Equal(3, _resolved.Count);
            Assert.False(_resolved[0].IsDisposed);
            Assert.True(_resolved[1].IsDisposed);
            Assert.False(_resolved[2].IsDisposed);
        }

        [Fact]
        public void Disposing_the_pool_disposes_every_session_once_and_refuses_new_ones()
        {
            var pool = NewPool();
            var west = pool.For(Options("eu-west-2")).Session;
            var east = pool.For(Options("us-east-1")).Session;

            pool.Dispose();
            pool.Dispose();

            Assert.True(west.IsDisposed);
            Assert.True(east.IsDisposed);
            Assert.Equal(0, pool.Count);
            Assert.Throws<ObjectDisposedException>(() => pool.For(Options("eu-west-2")));
            Assert.True(_resolved[_resolved.Count - 1].IsDisposed);
        }
    }
}
