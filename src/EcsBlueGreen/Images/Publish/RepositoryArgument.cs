using EcsBlueGreen.Errors;
using System;
using System.Text.RegularExpressions;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// -RepositoryName as given: a repository name, or the repository URI people copy from the console
    /// (123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication). A URI is accepted only when it is
    /// the connected registry (this region, and, once ECR has answered, this account).
    /// </summary>
    public sealed class RepositoryArgument
    {

        private static readonly Regex EcrHost = new Regex(@"^(?<account>\d{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private RepositoryArgument(string text, string name, string? account)
        {
            Text = text;
            Name = name;
            Account = account;
        }

        public string Text { get; }
        /// <summary>The repository name, e.g. myapplication or team/app.</summary>
        public string Name { get; }
        /// <summary>The account of the registry the URI names; null when a plain name was given.</summary>
        public string? Account { get; }

        public static RepositoryArgument Parse(string text, string? connectedRegion)
        {
            var slash = text.IndexOf('/');
            var first = slash > 0 ? text.Substring(0, slash) : "";
            if (!first.Contains(".") && !first.Contains(":") && first != "localhost")
            {
                return new RepositoryArgument(text, text, null);
            }

            var name = text.Substring(slash + 1);
            var host = EcrHost.Match(first);
            if (!host.Success)
            {
                throw new ImagePublishException(ErrorIds.InvalidRepositoryName,
                    $"-RepositoryName '{text}' is an image reference of the registry {first}, not an ECR repository. Expected the name of a repository in the connected ECR registry, e.g. -RepositoryName {LastPart(name)}.", text);
            }

            if (name.IndexOf('@') >= 0 || name.LastIndexOf(':') > name.LastIndexOf('/'))
            {
                throw new ImagePublishException(ErrorIds.InvalidRepositoryName,
                    $"-RepositoryName '{text}' carries a tag or digest. Expected the repository only (e.g. {first}/{StripVersion(name)} or {StripVersion(name)}); give the tags with -Tag.", text);
            }

            var region = host.Groups["region"].Value.ToLowerInvariant();
            if (!string.IsNullOrEmpty(connectedRegion) && !string.Equals(region, connectedRegion, StringComparison.Ordinal))
            {
                throw new ImagePublishException(ErrorIds.RepositoryNotInConnectedRegistry,
                    $"-RepositoryName '{text}' is a repository of the ECR registry in {region}, but the connection goes to {connectedRegion}. Pass -Region {region}, or the name of a repository in {connectedRegion} (e.g. -RepositoryName {name}).", text);
            }

            return new RepositoryArgument(text, name, host.Groups["account"].Value);
        }

        /// <summary>When a URI was given: the registry ECR answered for must be the URI's account.</summary>
        public void CheckAccount(string? connectedAccount)
        {
            if (Account == null)
            {
                return;
            }

            if (connectedAccount == null)
            {
                throw new ImagePublishException(ErrorIds.RepositoryNotInConnectedRegistry,
                    $"-RepositoryName '{Text}' names the registry of account {Account}, and the connected registry has no repository yet to tell its account by. Pass the repository name ({Name}) to create it in the connected account.", Text);
            }

            if (!string.Equals(connectedAccount, Account, StringComparison.Ordinal))
            {
                throw new ImagePublishException(ErrorIds.RepositoryNotInConnectedRegistry,
                    $"-RepositoryName '{Text}' is a repository of account {Account}, but the connection reaches the registry of account {connectedAccount}. Connect with that account's credentials, or pass the name of a repository of account {connectedAccount}.", Text);
            }
        }

        private static string LastPart(string path) => StripVersion(path.Substring(path.LastIndexOf('/') + 1));

        private static string StripVersion(string path)
        {
            var at = path.IndexOf('@');
            if (at >= 0) path = path.Substring(0, at);
            var colon = path.LastIndexOf(':');
            return colon > path.LastIndexOf('/') ? path.Substring(0, colon) : path;
        }
    }
}
