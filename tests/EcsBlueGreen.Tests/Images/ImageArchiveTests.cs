using System.IO;
using System.Linq;
using System.Text;
using EcsBlueGreen.Errors;
using EcsBlueGreen.Images;
using Xunit;

namespace EcsBlueGreen.Tests.Images
{
    public class ImageArchiveTests
    {
        [Theory]
        [InlineData("dir")]
        [InlineData("tar")]
        [InlineData("tgz")]
        [InlineData("nested")]
        public void Reads_an_oci_layout_keeping_the_manifest_bytes(string form)
        {
            using var temp = new TempDir();
            var image = TestImage.Create();
            string path = form switch
            {
                "dir" => image.WriteOciDirectory(temp.File("layout")),
                "nested" => image.WriteOciDirectory(temp.File("layout"), withIndexWrapper: true),
                "tar" => image.WriteOciTar(temp.File("image.tar")),
                _ => GzipFile(image.WriteOciTar(temp.File("image.tar")), temp.File("image.tar.gz")),
            };

            using var archive = ImageArchive.Open(path);

            Assert.Equal("oci-layout", archive.Format);
            Assert.Equal(image.Manifest, archive.ManifestBytes);
            Assert.Equal(image.ManifestDigest, archive.ManifestDigest);
            Assert.Equal(image.ConfigDigest, archive.Config.Digest);
            Assert.Equal(image.Layers.Select(l => l.Digest), archive.Layers.Select(l => l.Digest));
            Assert.Equal("linux/amd64", archive.Platform);
            using var blob = archive.OpenBlob(image.Layers[1].Digest);
            using var copy = new MemoryStream();
            blob.CopyTo(copy);
            Assert.Equal(image.Layers[1].Gzip, copy.ToArray());
        }

        [Fact]
        public void Reads_a_docker_save_tar_and_describes_it_with_an_oci_manifest()
        {
            using var temp = new TempDir();
            var image = TestImage.Create(layers: 2);
            using var archive = ImageArchive.Open(image.WriteDockerSave(temp.File("save.tar")));

            Assert.Equal("docker-save", archive.Format);
            Assert.Equal(MediaTypes.OciManifest, archive.ManifestMediaType);
            Assert.Equal(image.ConfigDigest, archive.Config.Digest);
            // Uncompressed layer tars keep their digest equal to the config's diff_ids.
            Assert.Equal(image.Layers.Select(l => l.DiffId), archive.Layers.Select(l => l.Digest));
            Assert.All(archive.Layers, l => Assert.Equal(MediaTypes.OciLayer, l.MediaType));
            Assert.Contains(image.Layers[0].DiffId, Encoding.UTF8.GetString(archive.ManifestBytes));
        }

        [Fact]
        public void A_file_that_is_not_an_image_is_refused_with_a_stable_id()
        {
            using var temp = new TempDir();
            File.WriteAllText(temp.File("notes.txt"), "hello");
            var e = Assert.Throws<ImagePublishException>(() => ImageArchive.Open(temp.File("notes.txt")));
            Assert.Equal(ErrorIds.ImageArchiveNotAnImage.Id, e.ErrorId);

            File.WriteAllBytes(temp.File("other.tar"), TestImage.TarOf(("readme.md", Encoding.UTF8.GetBytes("# hi"))));
            e = Assert.Throws<ImagePublishException>(() => ImageArchive.Open(temp.File("other.tar")));
            Assert.Equal(ErrorIds.ImageArchiveNotAnImage.Id, e.ErrorId);
        }

        [Fact]
        public void Missing_archive_and_missing_blob_are_distinct_errors()
        {
            using var temp = new TempDir();
            var e = Assert.Throws<ImagePublishException>(() => ImageArchive.Open(temp.File("nope.tar")));
            Assert.Equal(ErrorIds.ImageArchiveNotFound.Id, e.ErrorId);

            var image = TestImage.Create();
            string dir = image.WriteOciDirectory(temp.File("layout"));
            File.Delete(Path.Combine(dir, "blobs", "sha256", image.Layers[0].Digest[7..]));
            e = Assert.Throws<ImagePublishException>(() => ImageArchive.Open(dir));
            Assert.Equal(ErrorIds.ImageArchiveCorrupt.Id, e.ErrorId);
        }

        private static string GzipFile(string source, string target)
        {
            File.WriteAllBytes(target, TestImage.Gzip(File.ReadAllBytes(source)));
            return target;
        }
    }
}
