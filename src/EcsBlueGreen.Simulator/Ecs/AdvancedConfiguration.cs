namespace EcsBlueGreen.Simulator.Ecs;

/// <summary>
/// loadBalancers[].advancedConfiguration of a service: the alternate (green) target group, the listener
/// rule that carries production traffic, an optional test rule, and the role ECS would use to change them.
/// </summary>
public sealed record AdvancedConfiguration(string AlternateTargetGroupArn, string ProductionListenerRule, string? TestListenerRule, string? RoleArn);
