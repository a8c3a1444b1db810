using System;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// One run of a lifecycle hook as the wait saw it: who ran it, at which stage, how it ended and
    /// what the wait did about it (the action it sent with ContinueServiceDeployment, and why).
    /// </summary>
    public sealed class HookResult
    {
        public string HookId { get; set; } = "";

        /// <summary>AWS_LAMBDA or PAUSE.</summary>
        public string TargetType { get; set; } = "";

        public string? TargetArn { get; set; }

        /// <summary>The hook stage in ECS spelling, when it could be told from the configured hooks and the reported stage.</summary>
        public string? Stage { get; set; }

        /// <summary>AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT, as ECS last reported it.</summary>
        public string Status { get; set; } = "";

        /// <summary>CONTINUE or ROLLBACK when this wait answered a PAUSE hook; null when it did not.</summary>
        public string? Action { get; set; }

        /// <summary>Why: the PowerShell hook's message when it rolled back.</summary>
        public string? Message { get; set; }

        /// <summary>For a PAUSE hook: when ECS applies TimeoutAction.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        public string? TimeoutAction { get; set; }

        public HookResult Copy() => (HookResult)MemberwiseClone();

        public override string ToString() => $"{TargetType} {(string.IsNullOrEmpty(TargetArn) ? HookId : TargetArn)}{(Stage == null ? "" : $" at {Stage}")}: {Status}";
    }
}
