using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// This host as a fresh process (under the runtime running this one: Mono here, the .NET Framework
    /// on Windows), for what needs a clean process: a module imported from another folder, the real
    /// process environment.
    /// </summary>
    internal static class HostChild
    {
        public sealed class Result
        {
            public int ExitCode { get; set; }
            public string Output { get; set; } = "";
            public string Error { get; set; } = "";
        }

        /// <param name="environment">Set (value) or removed (null) for the child; every AWS_* variable
        /// and HOME of this process are removed first, so nothing of the machine's AWS setup leaks in.</param>
        public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
        {
            var mono = Type.GetType("Mono.Runtime") != null;
            var exe = mono ? Process.GetCurrentProcess().MainModule!.FileName! : ModuleLayout.HostExecutable;
            var args = new List<string>();
            if (mono) args.Add(ModuleLayout.HostExecutable);
            args.AddRange(arguments);
            var info = new ProcessStartInfo(exe, string.Join(" ", args.ConvertAll(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var name in new List<string>(ToKeys(info.EnvironmentVariables.Keys)))
            {
                if (name.StartsWith("AWS_", StringComparison.Ordinal) || name == "HOME" || name == "USERPROFILE")
                    info.EnvironmentVariables.Remove(name);
            }

            info.EnvironmentVariables["AWS_EC2_METADATA_DISABLED"] = "true";
            foreach (var pair in environment)
            {
                if (pair.Value == null) info.EnvironmentVariables.Remove(pair.Key);
                else info.EnvironmentVariables[pair.Key] = pair.Value;
            }

            using (var process = Process.Start(info)!)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await Task.WhenAll(output, error).ConfigureAwait(false);
                process.WaitForExit();
                return new Result { ExitCode = process.ExitCode, Output = output.Result, Error = error.Result };
            }
        }

        private static IEnumerable<string> ToKeys(System.Collections.ICollection keys)
        {
            foreach (var key in keys) yield return (string)key;
        }

        // The paths involved have no quotes of their own; spaces are all there is to protect.
        private static string Quote(string argument) => argument.IndexOf(' ') >= 0 ? "\"" + argument + "\"" : argument;
    }
}
