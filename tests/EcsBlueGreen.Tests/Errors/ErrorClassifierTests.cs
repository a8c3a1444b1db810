using EcsBlueGreen.Errors.Classification;
using System;
using System.IO;
using System.Net;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using Xunit;

namespace EcsBlueGreen.Tests.Errors
{
    /// <summary>Every failure is a catalogue entry: by its own entry, by AWS error code, or by what it is.</summary>
    public class ErrorClassifierTests
    {
        private static AwsServiceException Aws(string code, int status, bool throttling = false) =>
            new("ECS", "UpdateService", code, "message", status, "req-1", throttling);

        [Theory]
        [InlineData("AccessDeniedException", 400, "AwsAccessDenied")]
        [InlineData("UnrecognizedClientException", 400, "AwsAuthenticationFailed")]
        [InlineData("ExpiredTokenException", 400, "AwsAuthenticationFailed")]
        [InlineData("ClusterNotFoundException", 400, "EcsClusterNotFound")]
        [InlineData("ServiceNotFoundException", 400, "ServiceNotFound")]
        [InlineData("ServiceNotActiveException", 400, "ServiceNotActive")]
        [InlineData("RepositoryNotFoundException", 400, "EcrRepositoryNotFound")]
        [InlineData("ImageNotFoundException", 400, "EcrImageNotFound")]
        [InlineData("ImageTagAlreadyExistsException", 400, "EcrImmutableTagConflict")]
        [InlineData("ServiceDeploymentNotFoundException", 400, "ServiceDeploymentNotFound")]
        [InlineData("TargetGroupNotFound", 400, "TargetGroupNotFound")]
        [InlineData("ConflictException", 400, "AwsConflict")]
        [InlineData("InvalidParameterException", 400, "AwsInvalidParameter")]
        [InlineData("ClientException", 400, "AwsInvalidParameter")]
        [InlineData("SomethingNewException", 400, "AwsServiceError")]
        [InlineData("ServerException", 500, "AwsServiceUnavailable")]
        [InlineData("SomethingNewException", 503, "AwsServiceUnavailable")]
        public void Aws_error_answers_map_by_code_then_by_status(string code, int status, string id)
        {
            Assert.Equal(id, ErrorClassifier.Classify(Aws(code, status)).Id);
        }

        [Fact]
        public void Throttling_is_its_own_entry_whatever_the_status()
        {
            Assert.Same(ErrorIds.AwsThrottled, ErrorClassifier.Classify(Aws("ThrottlingException", 400, throttling: true)));
            Assert.Same(ErrorIds.AwsThrottled, ErrorClassifier.Classify(Aws("SomethingNew", 429, throttling: true)));
            Assert.Equal(ErrorKind.LimitsExceeded, ErrorIds.AwsThrottled.Kind);
        }

        [Fact]
        public void No_answer_says_whether_a_change_may_have_been_made()
        {
            Assert.Same(ErrorIds.AwsNoAnswer, ErrorClassifier.Classify(new AwsTransportException("ECS", "ListClusters", "refused", false, null)));
            Assert.Same(ErrorIds.AwsOutcomeUnknown, ErrorClassifier.Classify(new AwsTransportException("ECS", "UpdateService", "timed out", true, null)));
        }

        [Fact]
        public void The_module_s_own_failures_carry_their_entry()
        {
            Assert.Same(ErrorIds.NoRollbackTarget, ErrorClassifier.Classify(new EcsBlueGreenException(ErrorIds.NoRollbackTarget, "m")));
            Assert.Same(ErrorIds.AwsProfileInvalid, ErrorClassifier.Classify(new AwsConfigurationException(ErrorIds.AwsProfileInvalid, "m")));
            Assert.Same(ErrorIds.ImageArchiveCorrupt, ErrorClassifier.Classify(new ImagePublishException(ErrorIds.ImageArchiveCorrupt, "m")));
        }

        [Theory]
        [InlineData(401, "RegistryAuthenticationFailed")]
        [InlineData(403, "RegistryAuthenticationFailed")]
        [InlineData(429, "RegistryUnavailable")]
        [InlineData(503, "RegistryUnavailable")]
        [InlineData(400, "RegistryRequestFailed")]
        [InlineData(404, "RegistryRequestFailed")]
        [InlineData(501, "RegistryRequestFailed")]
        public void Registry_answers_map_by_status(int status, string id)
        {
            Assert.Equal(id, ErrorClassifier.Classify(new RegistryException("put manifest", (HttpStatusCode)status, null, "x")).Id);
        }

        [Fact]
        public void A_registry_that_does_not_answer_is_unavailable()
        {
            Assert.Same(ErrorIds.RegistryUnavailable, ErrorClassifier.Classify(new RegistryException("HEAD blob", null, null, "reset")));
        }

        [Fact]
        public void Anything_else_still_has_an_entry()
        {
            Assert.Same(ErrorIds.LocalFileAccessDenied, ErrorClassifier.Classify(new UnauthorizedAccessException("x")));
            Assert.Same(ErrorIds.LocalFileError, ErrorClassifier.Classify(new FileNotFoundException("x")));
            Assert.Same(ErrorIds.UnexpectedError, ErrorClassifier.Classify(new InvalidOperationException("x")));
            Assert.Same(ErrorIds.UnexpectedError, ErrorClassifier.Classify(new ArgumentOutOfRangeException("x")));
            Assert.Same(ErrorIds.AwsNoAnswer, ErrorClassifier.Classify(new AggregateException(new AwsTransportException("ECS", "X", "m", false, null))));
        }
    }
}
