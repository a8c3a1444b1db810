using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.PowerShell.Completion
{
    /// <summary>
    /// Tab completion from AWS: the same credential resolution as the cmdlets (parameters already
    /// typed, shell variables, environment, profiles), a few seconds at most, cached briefly, and
    /// nothing at all — never an error — when AWS cannot be reached.
    /// Internal on purpose: public types are loaded when PowerShell imports the module, before the
    /// dependency resolver is in place, and these name core types in virtual signatures.
    /// </summary>
    internal abstract class AwsArgumentCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan TimeBox = TimeSpan.FromSeconds(4);
        private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<string> Values)> Cache =
            new ConcurrentDictionary<string, (DateTime, IReadOnlyList<string>)>(StringComparer.Ordinal);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var options = OptionsFrom(fakeBoundParameters);
                var session = AwsSession.Resolve(options);
                var scope = CacheScope(fakeBoundParameters);
                var key = $"{GetType().Name}|{session.Region}|{session.GetEndpoint(ServiceId)}|{session.CredentialSource}|{scope}";
                if (!Cache.TryGetValue(key, out var cached) || DateTime.UtcNow - cached.At > CacheLifetime)
                {
                    var timeout = new CancellationTokenSource(TimeBox);
                    var task = Task.Run(() => FetchAsync(session, fakeBoundParameters, timeout.Token));
                    // The session ends with its fetch, even one that outlives the time box.
                    task.ContinueWith(_ =>
                    {
                        session.Dispose();
                        timeout.Dispose();
                    }, TaskScheduler.Default);
                    if (!task.Wait(TimeBox))
                    {
                        return Array.Empty<CompletionResult>();
                    }

                    cached = (DateTime.UtcNow, task.Result);
                    Cache[key] = cached;
                }
                else
                {
                    session.Dispose();
                }

                var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
                return cached.Values
                    .Where(v => pattern.IsMatch(v))
                    .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
                    .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, v))
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must never surface an error: no credentials, no region, no network.
                return Array.Empty<CompletionResult>();
            }
        }

        protected abstract AwsServiceId ServiceId { get; }

        /// <summary>What else the values depend on (e.g. the chosen cluster).</summary>
        protected virtual string CacheScope(IDictionary fakeBoundParameters) => "";

        protected abstract Task<IReadOnlyList<string>> FetchAsync(AwsSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken);

        protected static string? Bound(IDictionary parameters, string name)
        {
            if (!parameters.Contains(name))
            {
                return null;
            }

            var value = parameters[name];
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            return value?.ToString();
        }

        protected static string NameFromArn(string arn) => arn.Substring(arn.LastIndexOf('/') + 1);

        private static AwsConnectionOptions OptionsFrom(IDictionary parameters) => new AwsConnectionOptions
        {
            Region = Bound(parameters, "Region"),
            ProfileName = Bound(parameters, "ProfileName"),
            ProfileLocation = Bound(parameters, "ProfileLocation"),
            AccessKey = Bound(parameters, "AccessKey"),
            SecretKey = Bound(parameters, "SecretKey"),
            SessionToken = Bound(parameters, "SessionToken"),
            EndpointUrl = Bound(parameters, "EndpointUrl"),
            StoredRegion = ShellVariable("StoredAWSRegion") as string,
            StoredCredentials = ShellVariable("StoredAWSCredentials"),
            MaxAttempts = 1,
        };

        // Completers run inside the caller's pipeline, where SessionStateProxy is off limits; a nested
        // command on the current runspace may read the caller's variables.
        private static object? ShellVariable(string name)
        {
            try
            {
                using (var nested = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    var value = nested.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly")
                        .AddParameter("Scope", "Global").AddParameter("ErrorAction", "Ignore").Invoke().FirstOrDefault();
                    return value?.BaseObject;
                }
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', '{', '}', '@', '&', '|', ',' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
