using System;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Images;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    /// <summary>Publish-EcrImage input the shell or a copy-paste bent: numeric tags, repository URIs.</summary>
    public class ImageInputTests
    {
        private const string Registry = "123456789012.dkr.ecr.eu-west-2.amazonaws.com";

        [Fact]
        public void Tags_that_arrived_as_numbers_are_refused_with_the_advice_to_quote_them()
        {
            Assert.Equal(new[] { "5.0", "latest" }, TagArguments.ToTags(new object?[] { "5.0", "latest" }));
            foreach (var number in new object[] { 5.0, 5.1, 7, 5.10m, 12L })
            {
                var ex = Assert.Throws<ImagePublishException>(() => TagArguments.ToTags(new object?[] { "ok", number }));
                Assert.Equal("ImageTagIsNumber", ex.ErrorId);
                Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidArgument, ex.Error.Kind);
                Assert.Contains("Quote the tag", ex.Message);
                Assert.Contains(number.GetType().Name, ex.Message);
            }

            Assert.Equal("InvalidImageTag", Assert.Throws<ImagePublishException>(() => TagArguments.ToTags(new object?[] { new object() })).ErrorId);
        }

        [Fact]
        public void A_repository_uri_of_the_connected_registry_becomes_its_name()
        {
            var given = RepositoryArgument.Parse(Registry + "/team/app", "eu-west-2");
            Assert.Equal("team/app", given.Name);
            Assert.Equal("123456789012", given.Account);
            given.CheckAccount("123456789012");
            Assert.Null(RepositoryArgument.Parse("team/app", "eu-west-2").Account);
        }

        [Theory]
        [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app", "RepositoryNotInConnectedRegistry", "-Region eu-west-1")]
        [InlineData("docker.io/library/nginx", "InvalidRepositoryName", "e.g. -RepositoryName nginx")]
        [InlineData(Registry + "/app:2.0", "InvalidRepositoryName", "give the tags with -Tag")]
        public void Other_registries_and_references_say_what_was_expected(string text, string errorId, string hint)
        {
            var ex = Assert.Throws<ImagePublishException>(() => RepositoryArgument.Parse(text, "eu-west-2"));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(EcsBlueGreen.Errors.ErrorKind.InvalidArgument, ex.Error.Kind);
            Assert.Contains(hint, ex.Message);
        }

        [Fact]
        public async Task A_repository_uri_of_another_account_is_refused_before_anything_is_pushed()
        {
            var registry = new FakeRegistry();
            var ecr = new FakeEcr(registry);
            ecr.AddRepository("myapplication");
            var settings = new ImagePublisherSettings(TestRetry.Immediate()) { Region = "eu-west-2", RegistryFactory = (endpoint, credentials, retry) => new RegistryClient(endpoint, credentials, retry, registry) };
            var request = new PublishEcrImageRequest { Source = PublishSource.Promote, RepositoryName = "210987654321.dkr.ecr.eu-west-2.amazonaws.com/myapplication", SourceTag = "1.0", Tags = new[] { "prod" } };
            var ex = await Assert.ThrowsAsync<ImagePublishException>(() => new ImagePublisher(ecr, settings).PlanAsync(request, CancellationToken.None));
            Assert.Equal("RepositoryNotInConnectedRegistry", ex.ErrorId);
            Assert.Contains("account 210987654321", ex.Message);
            Assert.Contains("account 123456789012", ex.Message);
            Assert.Equal(0, ecr.Writes);
            Assert.Equal(0, ecr.Count("BatchGetImage"));
        }
    }
}
