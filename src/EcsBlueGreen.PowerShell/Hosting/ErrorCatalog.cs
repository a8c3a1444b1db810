using EcsBlueGreen.Errors.Classification;
using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// The PowerShell face of the core's error catalogue (ErrorIds): every ErrorRecord the module writes
    /// is made here, with the entry's id as FullyQualifiedErrorId, its kind as the category (same names),
    /// its user action as RecommendedAction, the failing item as target and the cause as the exception.
    /// </summary>
    internal static class ErrorCatalog
    {
        private static readonly Dictionary<ErrorKind, ErrorCategory> Categories = MapCategories();

        /// <summary>The record for any failure of the core work; it never lacks an id or a category.</summary>
        public static ErrorRecord For(Exception failure, object? target)
        {
            if (failure is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                failure = aggregate.InnerExceptions[0];
            }

            return Record(failure, ErrorClassifier.Classify(failure), (failure as ImagePublishException)?.Target ?? target);
        }

        /// <summary>A parameter value the cmdlet itself refuses.</summary>
        public static ErrorRecord InvalidArgument(ErrorDefinition error, string message, object? target) =>
            Record(new ArgumentException(message), error, target);

        /// <param name="recommendedAction">Overrides the entry's user action when the failure knows a better one.</param>
        public static ErrorRecord Record(Exception exception, ErrorDefinition error, object? target, string? recommendedAction = null) =>
            new ErrorRecord(exception, error.Id, Categories[error.Kind], target)
            {
                ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction ?? error.UserAction },
            };

        // ErrorKind names are ErrorCategory names; a kind PowerShell did not know would fail the first
        // import loudly rather than report a wrong category.
        private static Dictionary<ErrorKind, ErrorCategory> MapCategories()
        {
            var map = new Dictionary<ErrorKind, ErrorCategory>();
            foreach (ErrorKind kind in Enum.GetValues(typeof(ErrorKind)))
            {
                map[kind] = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), kind.ToString(), ignoreCase: false);
            }

            return map;
        }
    }
}
