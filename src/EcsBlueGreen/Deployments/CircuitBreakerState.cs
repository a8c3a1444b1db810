using System;

namespace EcsBlueGreen.Deployments
{
    /// <summary>How close the circuit breaker is to tripping.</summary>
    public sealed class CircuitBreakerState
    {
        public bool Enabled { get; set; }
        public bool Rollback { get; set; }
        public int FailureCount { get; set; }
        public int Threshold { get; set; }
        /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED when the service-deployments API answers.</summary>
        public string? Status { get; set; }

        /// <summary>The breaker as the service is configured, before any failure is counted.</summary>
        public static CircuitBreakerState For(EcsBlueGreen.Ecs.Model.EcsService service, int failureCount = 0) => new CircuitBreakerState
        {
            Enabled = service.DeploymentConfiguration.CircuitBreakerEnabled,
            Rollback = service.DeploymentConfiguration.CircuitBreakerRollback,
            FailureCount = failureCount,
            Threshold = DefaultThreshold(service.DesiredCount),
        };

        /// <summary>ECS's default threshold: ceil(0.5 × desired), clamped to 3..200.</summary>
        public static int DefaultThreshold(int desiredCount) =>
            Math.Min(200, Math.Max(3, (int)Math.Ceiling(desiredCount * 0.5)));

        public CircuitBreakerState Copy() => (CircuitBreakerState)MemberwiseClone();

        public override string ToString() =>
            Enabled ? $"{FailureCount}/{Threshold}{(Rollback ? " (rollback on)" : " (rollback off)")}" : "off";
    }
}
