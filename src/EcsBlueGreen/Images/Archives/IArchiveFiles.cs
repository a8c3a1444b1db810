using System;
using System.IO;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>Read access to the files of an image archive, whether it is a directory or a tar file.
    /// Every Open returns an independent stream, so blobs can be read in parallel.</summary>
    internal interface IArchiveFiles : IDisposable
    {
        /// <summary>Human-readable location for messages.</summary>
        string Location { get; }

        bool Exists(string path);

        /// <summary>Size in bytes, or -1 when the file does not exist.</summary>
        long Length(string path);

        Stream Open(string path);
    }
}
