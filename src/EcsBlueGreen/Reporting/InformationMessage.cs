using System;

namespace EcsBlueGreen.Reporting
{
    public enum InformationKind
    {
        /// <summary>A service event ECS emitted.</summary>
        ServiceEvent,
        /// <summary>A step the module took (registered a revision, updated the service...).</summary>
        Step,
        /// <summary>A final verdict of a deployment.</summary>
        Verdict,
    }

    /// <summary>One line for the information stream, with what it is about (for grouping in CI logs).</summary>
    public sealed class InformationMessage
    {
        public InformationMessage(InformationKind kind, string subject, string text, DateTimeOffset? timestamp = null, bool isFailure = false)
        {
            Kind = kind;
            Subject = subject;
            Text = text;
            Timestamp = timestamp;
            IsFailure = isFailure;
        }

        public InformationKind Kind { get; }

        /// <summary>What the line is about, e.g. "myservice/myservice-myapplication".</summary>
        public string Subject { get; }

        public string Text { get; }

        /// <summary>When it happened (AWS time for service events).</summary>
        public DateTimeOffset? Timestamp { get; }

        public bool IsFailure { get; }

        public override string ToString() =>
            Timestamp.HasValue ? $"{Timestamp.Value.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z {Text}" : Text;
    }
}
