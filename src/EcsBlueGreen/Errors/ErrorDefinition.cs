using System;

namespace EcsBlueGreen.Errors
{
    /// <summary>
    /// One entry of the error catalogue: the stable id that becomes the ErrorRecord's
    /// FullyQualifiedErrorId (scripts match on it: never rename one), its category, and what the user
    /// should do about it (the ErrorRecord's RecommendedAction unless the failure knows better).
    /// </summary>
    public sealed class ErrorDefinition
    {
        internal ErrorDefinition(string id, ErrorKind kind, string userAction)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Kind = kind;
            UserAction = userAction ?? throw new ArgumentNullException(nameof(userAction));
        }

        public string Id { get; }

        public ErrorKind Kind { get; }

        public string UserAction { get; }

        public override string ToString() => Id;
    }
}
