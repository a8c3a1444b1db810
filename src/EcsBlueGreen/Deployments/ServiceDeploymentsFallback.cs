using System;
using System.Globalization;
using System.Threading;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// The service-deployments API (List/Describe/StopServiceDeployment(s)) is only the better witness:
    /// whatever it answers when it fails (denied, unknown operation, 5xx after the retries, no answer),
    /// the work goes on from Service.deployments[] and the events. One instance per invocation says so
    /// once, naming the answer that came back, however many calls of that invocation then fail.
    /// </summary>
    public sealed class ServiceDeploymentsFallback
    {
        private int _warned;

        /// <summary>Whether a failure of the API ends the work (cancellation) rather than being fallen back from.</summary>
        public static bool CanFallBack(Exception ex) => ex is AwsServiceException || ex is AwsTransportException;

        /// <summary>What came back, in a few words: "HTTP 500 InternalServerError", "HTTP 400 AccessDeniedException", "no answer (...)".</summary>
        public static string Answer(Exception ex)
        {
            // A write whose outcome had to be checked fails with the check's answer inside.
            for (var inner = (Exception?)ex; inner != null; inner = inner.InnerException)
            {
                if (inner is AwsServiceException service)
                {
                    return string.Format(CultureInfo.InvariantCulture, "HTTP {0} {1}", service.StatusCode, service.ErrorCode);
                }
            }

            return "no answer (" + ex.Message + ")";
        }

        /// <summary>Reports a failed call: a warning the first time this invocation falls back, verbose after that.</summary>
        public void FellBack(IReporter reporter, Exception ex)
        {
            var operation = (ex as AwsServiceException)?.Operation ?? (ex as AwsTransportException)?.Operation ?? "a call";
            var text = $"The service-deployments API is not usable ({operation} answered {Answer(ex)}); following the service's deployments[] and events instead.";
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                reporter.Warning(text);
            }
            else
            {
                reporter.Verbose(text);
            }
        }
    }
}
