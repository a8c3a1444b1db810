using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Which credentials a session signs with, precisely enough to tell two sessions apart and holding
    /// no secret. Static keys are known by their access key id, which is an identifier rather than a
    /// secret (it travels in clear in every request's Authorization header and in CloudTrail), plus a
    /// fingerprint of the secret key and session token: an HMAC under a key drawn at random for this
    /// process, so keys that share an id but not a secret (a mistyped secret, a refreshed session
    /// token) stay apart, and a fingerprint that leaks cannot be checked against guesses anywhere else.
    /// A profile is known by its name and file; a credentials object by reference; container and
    /// instance credentials by their kind.
    /// </summary>
    internal sealed class CredentialIdentity : IEquatable<CredentialIdentity>
    {
        private static readonly byte[] FingerprintKey = NewFingerprintKey();

        private readonly string _kind;
        private readonly string? _name;
        private readonly string? _location;
        private readonly string? _accessKeyId;
        private readonly string? _fingerprint;
        private readonly object? _instance;

        private CredentialIdentity(string kind, string? name = null, string? location = null, string? accessKeyId = null,
            string? fingerprint = null, object? instance = null)
        {
            _kind = kind;
            _name = name;
            _location = location;
            _accessKeyId = accessKeyId;
            _fingerprint = fingerprint;
            _instance = instance;
        }

        /// <summary>Keys given as values (parameters, environment variables), wherever they came from.</summary>
        public static CredentialIdentity ForKeys(AwsCredentialSet keys) =>
            new CredentialIdentity("keys", accessKeyId: keys.AccessKey, fingerprint: Fingerprint(keys.SecretKey, keys.SessionToken));

        public static CredentialIdentity ForProfile(string profileName, string location) =>
            new CredentialIdentity("profile", name: profileName, location: location);

        /// <summary>An AWSCredentials object: the same object is the same credentials, whatever it holds now.</summary>
        public static CredentialIdentity ForObject(object credentials) =>
            new CredentialIdentity("object", name: credentials.GetType().FullName, instance: credentials);

        /// <summary>Credentials the machine provides (container, instance profile): one per process.</summary>
        public static CredentialIdentity ForAmbient(string source) => new CredentialIdentity("ambient", name: source);

        public bool Equals(CredentialIdentity? other) =>
            other != null &&
            string.Equals(_kind, other._kind, StringComparison.Ordinal) &&
            string.Equals(_name, other._name, StringComparison.Ordinal) &&
            string.Equals(_location, other._location, StringComparison.Ordinal) &&
            string.Equals(_accessKeyId, other._accessKeyId, StringComparison.Ordinal) &&
            string.Equals(_fingerprint, other._fingerprint, StringComparison.Ordinal) &&
            ReferenceEquals(_instance, other._instance);

        public override bool Equals(object? obj) => Equals(obj as CredentialIdentity);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(_kind);
                hash = hash * 31 + (_name == null ? 0 : StringComparer.Ordinal.GetHashCode(_name));
                hash = hash * 31 + (_location == null ? 0 : StringComparer.Ordinal.GetHashCode(_location));
                hash = hash * 31 + (_accessKeyId == null ? 0 : StringComparer.Ordinal.GetHashCode(_accessKeyId));
                hash = hash * 31 + (_fingerprint == null ? 0 : StringComparer.Ordinal.GetHashCode(_fingerprint));
                hash = hash * 31 + (_instance == null ? 0 : RuntimeHelpers.GetHashCode(_instance));
                return hash;
            }
        }

        /// <summary>For diagnostics: the kind and the non-secret name; never the fingerprint.</summary>
        public override string ToString() => _accessKeyId != null ? $"keys {_accessKeyId}" : _name == null ? _kind : $"{_kind} {_name}";

        private static string Fingerprint(string secretKey, string? sessionToken)
        {
            using (var hmac = new HMACSHA256(FingerprintKey))
            {
                return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(secretKey + "\n" + (sessionToken ?? ""))));
            }
        }

        private static byte[] NewFingerprintKey()
        {
            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            return key;
        }
    }
}
