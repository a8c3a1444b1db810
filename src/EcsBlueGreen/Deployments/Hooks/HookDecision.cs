namespace EcsBlueGreen.Deployments.Hooks
{
    /// <summary>What a hook run in this module answers ECS's PAUSE with: CONTINUE, or ROLLBACK and why.</summary>
    public sealed class HookDecision
    {
        private HookDecision(bool proceed, string? reason)
        {
            Proceed = proceed;
            Reason = reason;
        }

        public bool Proceed { get; }

        /// <summary>Why the deployment is rolled back (the hook's own words); null for CONTINUE.</summary>
        public string? Reason { get; }

        /// <summary>CONTINUE or ROLLBACK, as ContinueServiceDeployment takes it.</summary>
        public string Action => Proceed ? Ecs.Model.LifecycleHookValues.Continue : Ecs.Model.LifecycleHookValues.Rollback;

        public static HookDecision Continue() => new HookDecision(true, null);

        public static HookDecision Rollback(string reason) => new HookDecision(false, reason);
    }
}
