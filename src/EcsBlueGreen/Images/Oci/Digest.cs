using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Images
{
    /// <summary>Content digests as the registry spells them: <c>sha256:&lt;64 lowercase hex&gt;</c>.
    /// Only sha256 is accepted: it is what ECR and every builder we drive produce.</summary>
    public static class Digest
    {
        private static readonly Regex Sha256Pattern = new Regex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? digest) => digest != null && Sha256Pattern.IsMatch(digest);

        public static string Of(byte[] content)
        {
            using (var sha = SHA256.Create())
            {
                return "sha256:" + ToHex(sha.ComputeHash(content));
            }
        }

        public static string Of(string utf8Text) => Of(Encoding.UTF8.GetBytes(utf8Text));

        /// <summary>The 64 hex characters after "sha256:" (the file name in blobs/sha256/).</summary>
        public static string Hex(string digest)
        {
            if (!IsValid(digest)) throw new FormatException($"'{digest}' is not a sha256 digest.");
            return digest.Substring("sha256:".Length);
        }

        internal static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            const string alphabet = "0123456789abcdef";
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = alphabet[bytes[i] >> 4];
                chars[2 * i + 1] = alphabet[bytes[i] & 0xF];
            }
            return new string(chars);
        }
    }
}
