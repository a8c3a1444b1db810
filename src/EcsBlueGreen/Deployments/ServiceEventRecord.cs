using System;

namespace EcsBlueGreen.Deployments
{
    /// <summary>A service event seen while waiting.</summary>
    public sealed class ServiceEventRecord
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Message { get; set; } = "";

        public override string ToString() => $"{CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z {Message}";
    }
}
