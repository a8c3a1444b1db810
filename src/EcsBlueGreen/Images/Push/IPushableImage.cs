using System.Collections.Generic;
using System.IO;

namespace EcsBlueGreen.Images
{
    /// <summary>An image whose blobs can be read locally: what <see cref="ImagePusher"/> pushes.</summary>
    public interface IPushableImage
    {
        byte[] ManifestBytes { get; }
        string ManifestMediaType { get; }
        string ManifestDigest { get; }
        /// <summary>Config then layers, each digest once.</summary>
        IReadOnlyList<Descriptor> Blobs { get; }
        /// <summary>A new, independent stream over one blob (called from several threads at once).</summary>
        Stream OpenBlob(string digest);
    }
}
