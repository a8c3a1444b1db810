using System;
using System.Management.Automation;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// A failure of core work run through the async bridge, carrying its catalogued ErrorRecord: cmdlets
    /// write it as the item's error, and one that escapes a cmdlet still reaches the user with the
    /// catalogue's id and category instead of PowerShell's NotSpecified.
    /// </summary>
    internal sealed class CoreFailureException : RuntimeException
    {
        public CoreFailureException(Exception failure)
            : base(failure.Message, failure, ErrorCatalog.For(failure, null))
        {
            Failure = failure;
        }

        /// <summary>The core's exception, as the work threw it.</summary>
        public Exception Failure { get; }
    }
}
