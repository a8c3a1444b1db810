namespace EcsBlueGreen.Deployments
{
    /// <summary>One line of a task-definition diff, already safe to print.</summary>
    public sealed class TaskDefinitionChange
    {
        public TaskDefinitionChange(string container, string member, string before, string after)
        {
            Container = container;
            Member = member;
            Before = before;
            After = after;
        }

        public string Container { get; }
        public string Member { get; }
        public string Before { get; }
        public string After { get; }

        public override string ToString() => $"container {Container}: {Member}: {Before} -> {After}";
    }
}
