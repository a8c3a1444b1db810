using System;
using System.Collections.Generic;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// The process environment as the resolver sees it. Injected so tests describe an environment
    /// without mutating the real one (xunit runs test classes in parallel).
    /// </summary>
    public interface IAwsEnvironment
    {
        /// <summary>The variable's value, or null when unset or empty.</summary>
        string? GetVariable(string name);

        /// <summary>The user's home directory (~/.aws lives there).</summary>
        string HomeDirectory { get; }
    }

    /// <summary>The real process environment.</summary>
    public sealed class ProcessAwsEnvironment : IAwsEnvironment
    {
        public static readonly ProcessAwsEnvironment Instance = new ProcessAwsEnvironment();

        public string? GetVariable(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public string HomeDirectory
        {
            get
            {
                var home = GetVariable("HOME") ?? GetVariable("USERPROFILE");
                return home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }
        }
    }

    /// <summary>A fixed environment, for tests and for callers that describe one explicitly.</summary>
    public sealed class FixedAwsEnvironment : IAwsEnvironment
    {
        private readonly IReadOnlyDictionary<string, string> _variables;

        public FixedAwsEnvironment(IReadOnlyDictionary<string, string> variables, string homeDirectory)
        {
            _variables = variables;
            HomeDirectory = homeDirectory;
        }

        public string HomeDirectory { get; }

        public string? GetVariable(string name) =>
            _variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }
}
