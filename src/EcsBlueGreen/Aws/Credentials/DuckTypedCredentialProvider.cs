using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Aws.Credentials
{
    /// <summary>
    /// Reads an AWSCredentials object by reflection, so one from AWS.Tools' own AWSSDK.Core (another
    /// version, another load context) works as well as ours: GetCredentialsAsync() or GetCredentials(),
    /// then AccessKey/SecretKey/Token. The object refreshes itself (assume-role, SSO, instance profile).
    /// </summary>
    internal sealed class DuckTypedCredentialProvider : ICredentialProvider
    {
        private readonly object _credentials;
        private readonly MethodInfo? _getAsync;
        private readonly MethodInfo? _get;

        private DuckTypedCredentialProvider(object credentials, MethodInfo? getAsync, MethodInfo? get)
        {
            _credentials = credentials;
            _getAsync = getAsync;
            _get = get;
        }

        /// <summary>The AWSCredentials object read (after unwrapping), which identifies these credentials.</summary>
        public object Source => _credentials;

        /// <summary>Accepts an AWSCredentials-like object or a wrapper with a Credentials property; null if neither.</summary>
        public static DuckTypedCredentialProvider? TryCreate(object? candidate)
        {
            for (var depth = 0; candidate != null && depth < 3; depth++)
            {
                var type = candidate.GetType();
                var getAsync = type.GetMethod("GetCredentialsAsync", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
                var get = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
                if (getAsync != null || get != null)
                {
                    return new DuckTypedCredentialProvider(candidate, getAsync, get);
                }

                // AWS.Tools' AWSPSCredentials and similar wrappers hold the real object in .Credentials.
                candidate = type.GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance)?.GetValue(candidate);
            }

            return null;
        }

        public async Task<AwsCredentialSet> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            object? immutable;
            try
            {
                if (_getAsync != null && _getAsync.Invoke(_credentials, null) is Task task)
                {
                    await task.ConfigureAwait(false);
                    immutable = task.GetType().GetProperty("Result")?.GetValue(task);
                }
                else
                {
                    immutable = _get!.Invoke(_credentials, null);
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new AwsConfigurationException(ErrorIds.AwsCredentialsUnavailable,
                    "Could not get credentials from " + _credentials.GetType().Name + ": " + ex.InnerException.Message, ex.InnerException);
            }

            var accessKey = ReadString(immutable, "AccessKey");
            var secretKey = ReadString(immutable, "SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new AwsConfigurationException(ErrorIds.AwsCredentialObjectInvalid,
                    _credentials.GetType().Name + " returned no access key or secret key.");
            }

            return new AwsCredentialSet(accessKey!, secretKey!, ReadString(immutable, "Token"));
        }

        private static string? ReadString(object? source, string property) =>
            source?.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(source) as string;
    }
}
