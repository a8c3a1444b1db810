using EcsBlueGreen;
using EcsBlueGreen.Deployments;
using EcsBlueGreen.Errors;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments
{
    public class ImageReferenceTests
    {
        [Theory]
        [InlineData("123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0", "123456789012.dkr.ecr.eu-west-2.amazonaws.com", "myapplication", "2.0", false)]
        [InlineData("123456789012.dkr.ecr.eu-west-2.amazonaws.com/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "123456789012.dkr.ecr.eu-west-2.amazonaws.com", "team/app", null, true)]
        [InlineData("localhost:5000/app:v1", "localhost:5000", "app", "v1", false)]
        [InlineData("nginx", null, "nginx", null, false)]
        public void Parses_valid_references(string text, string? registry, string repository, string? tag, bool pinned)
        {
            var reference = ImageReference.Parse(text);
            Assert.Equal(registry, reference.Registry);
            Assert.Equal(repository, reference.Repository);
            Assert.Equal(tag, reference.ImageTag);
            Assert.Equal(pinned, reference.IsPinned);
            Assert.Equal(text, reference.ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData("Registry.example.com/UPPER:1")]
        [InlineData("repo:-bad")]
        [InlineData("repo@sha256:short")]
        [InlineData(" repo:1")]
        [InlineData("registry.example.com/:1")]
        public void Rejects_malformed_references_with_a_stable_id(string text)
        {
            var ex = Assert.Throws<EcsBlueGreenException>(() => ImageReference.Parse(text));
            Assert.Equal("InvalidImageUri", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Error.Kind);
        }
    }
}

namespace EcsBlueGreen.Tests.Deployments
{
    public class SecretMaskingTests
    {
        [Theory]
        [InlineData("DB_PASSWORD", "hunter2")]
        [InlineData("DATABASE_URL", "postgres://app:Pa55word@db.internal/shop")]
        [InlineData("UPSTREAM", "AKIAIOSFODNN7EXAMPLE")]
        [InlineData("SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl")]
        [InlineData("SIGNER", "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA==")]
        public void Masks_secret_names_and_secret_looking_values(string name, string value)
        {
            Assert.Equal(SecretMasking.Mask, SecretMasking.Display(name, value));
        }

        [Theory]
        [InlineData("LOG_LEVEL", "debug")]
        [InlineData("DATABASE_URL", "postgres://db.internal/shop")]
        [InlineData("FEATURE_FLAGS", "checkout-v2,search")]
        public void Shows_ordinary_values(string name, string value)
        {
            Assert.Equal(value, SecretMasking.Display(name, value));
        }
    }
}
