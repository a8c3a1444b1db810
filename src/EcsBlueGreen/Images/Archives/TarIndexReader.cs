using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace EcsBlueGreen.Images.Archives
{
    /// <summary>
    /// Walks the headers of a seekable tar file and records where each member's data lies, seeking over
    /// the data itself, so a 2 GB archive is indexed by reading a few kilobytes.
    /// Ours rather than SharpZipLib: image archives need only ustar, pax (path/size/linkpath) and GNU
    /// long names, we need offsets for parallel random access (which SharpZipLib's forward-only TarInputStream
    /// does not give), and one less assembly to ship and isolate next to AWS.Tools.
    /// </summary>
    internal static class TarIndexReader
    {
        private const int BlockSize = 512;

        public static Dictionary<string, TarEntry> Read(Stream stream)
        {
            if (!stream.CanSeek) throw new ArgumentException("The tar stream must be seekable.", nameof(stream));
            var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
            var header = new byte[BlockSize];
            string? longName = null, longLink = null;
            Dictionary<string, string>? pax = null;
            Dictionary<string, string>? globalPax = null;

            while (true)
            {
                long headerOffset = stream.Position;
                if (!ReadBlock(stream, header))
                {
                    if (headerOffset == stream.Length && entries.Count > 0) break; // no end marker: tolerated
                    throw new InvalidDataException("The tar file ends in the middle of a header.");
                }
                if (IsZeroBlock(header)) break;
                if (!ChecksumMatches(header)) throw new InvalidDataException($"Bad tar header checksum at offset {headerOffset}.");

                char type = (char)header[156];
                long size = ParseNumber(header, 124, 12);
                long dataOffset = stream.Position;
                long paddedEnd = dataOffset + (size + BlockSize - 1) / BlockSize * BlockSize;

                switch (type)
                {
                    case 'x':
                        pax = ParsePax(ReadData(stream, size));
                        break;
                    case 'g':
                        globalPax = ParsePax(ReadData(stream, size));
                        break;
                    case 'L':
                        longName = TrimNul(Encoding.UTF8.GetString(ReadData(stream, size)));
                        break;
                    case 'K':
                        longLink = TrimNul(Encoding.UTF8.GetString(ReadData(stream, size)));
                        break;
                    default:
                        string name = longName ?? Get(pax, "path") ?? HeaderName(header);
                        string? link = longLink ?? Get(pax, "linkpath") ?? NullIfEmpty(ReadString(header, 157, 100));
                        if (Get(pax, "size") is string paxSize) size = long.Parse(paxSize, System.Globalization.CultureInfo.InvariantCulture);
                        paddedEnd = dataOffset + (size + BlockSize - 1) / BlockSize * BlockSize;
                        if (dataOffset + size > stream.Length) throw new InvalidDataException($"The tar member '{name}' runs past the end of the file.");
                        var entry = new TarEntry(Normalize(name), KindOf(type), size, dataOffset, link);
                        if (entry.Name.Length > 0) entries[entry.Name] = entry;
                        longName = longLink = null;
                        pax = null;
                        break;
                }
                if (type == 'x' || type == 'g' || type == 'L' || type == 'K') continue; // data already consumed and padded
                stream.Position = paddedEnd;
            }
            GC.KeepAlive(globalPax); // global headers carry nothing an image archive needs
            return entries;
        }

        public static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
            p = p.TrimStart('/');
            return p.TrimEnd('/');
        }

        private static TarEntryKind KindOf(char type)
        {
            switch (type)
            {
                case '0': case '\0': case '7': return TarEntryKind.File;
                case '5': return TarEntryKind.Directory;
                case '2': return TarEntryKind.SymbolicLink;
                case '1': return TarEntryKind.HardLink;
                default: return TarEntryKind.Other;
            }
        }

        private static string HeaderName(byte[] header)
        {
            string name = ReadString(header, 0, 100);
            bool ustar = Encoding.ASCII.GetString(header, 257, 5) == "ustar";
            string prefix = ustar ? ReadString(header, 345, 155) : "";
            return prefix.Length > 0 ? prefix + "/" + name : name;
        }

        private static byte[] ReadData(Stream stream, long size)
        {
            if (size > 16 * 1024 * 1024) throw new InvalidDataException("A tar extended header is implausibly large.");
            var data = new byte[size];
            int read = 0;
            while (read < size)
            {
                int n = stream.Read(data, read, (int)size - read);
                if (n == 0) throw new InvalidDataException("The tar file ends inside an extended header.");
                read += n;
            }
            long pad = (BlockSize - size % BlockSize) % BlockSize;
            stream.Position += pad;
            return data;
        }

        /// <summary>Pax records are "&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n", length counted in bytes.</summary>
        private static Dictionary<string, string> ParsePax(byte[] data)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            int pos = 0;
            while (pos < data.Length)
            {
                int space = Array.IndexOf(data, (byte)' ', pos);
                if (space < 0) break;
                int length = int.Parse(Encoding.ASCII.GetString(data, pos, space - pos), System.Globalization.CultureInfo.InvariantCulture);
                if (length <= 0 || pos + length > data.Length) throw new InvalidDataException("Malformed pax header.");
                string record = Encoding.UTF8.GetString(data, space + 1, pos + length - space - 2); // drop trailing \n
                int eq = record.IndexOf('=');
                if (eq > 0) result[record.Substring(0, eq)] = record.Substring(eq + 1);
                pos += length;
            }
            return result;
        }

        private static long ParseNumber(byte[] header, int offset, int length)
        {
            if ((header[offset] & 0x80) != 0)
            {
                // GNU base-256 for sizes over 8 GB: big-endian, first byte's high bit is the marker.
                long value = header[offset] & 0x7F;
                for (int i = 1; i < length; i++) value = (value << 8) | header[offset + i];
                return value;
            }
            string text = Encoding.ASCII.GetString(header, offset, length).Trim(' ', '\0');
            if (text.Length == 0) return 0;
            try { return Convert.ToInt64(text, 8); }
            catch (FormatException e) { throw new InvalidDataException($"Bad octal number '{text}' in a tar header.", e); }
        }

        private static bool ChecksumMatches(byte[] header)
        {
            long stored = ParseNumber(header, 148, 8);
            long unsigned = 0, signed = 0;
            for (int i = 0; i < BlockSize; i++)
            {
                byte b = i >= 148 && i < 156 ? (byte)' ' : header[i];
                unsigned += b;
                signed += (sbyte)b;
            }
            return stored == unsigned || stored == signed;
        }

        private static bool ReadBlock(Stream stream, byte[] buffer)
        {
            int read = 0;
            while (read < BlockSize)
            {
                int n = stream.Read(buffer, read, BlockSize - read);
                if (n == 0) return false;
                read += n;
            }
            return true;
        }

        private static bool IsZeroBlock(byte[] block)
        {
            foreach (byte b in block) if (b != 0) return false;
            return true;
        }

        private static string ReadString(byte[] header, int offset, int length)
        {
            int end = Array.IndexOf(header, (byte)0, offset, length);
            int count = (end < 0 ? offset + length : end) - offset;
            return Encoding.UTF8.GetString(header, offset, count);
        }

        private static string TrimNul(string s) => s.TrimEnd('\0');
        private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
        private static string? Get(Dictionary<string, string>? d, string key) => d != null && d.TryGetValue(key, out var v) ? v : null;
    }
}
