using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EcsBlueGreen.Images
{
    /// <summary>Joins arguments into one command line that both the Windows (CommandLineToArgvW) and the
    /// .NET Unix parser split back into the same list; netstandard2.0 has no ProcessStartInfo.ArgumentList.</summary>
    internal static class CommandLine
    {
        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\\' && c != '\'')) return argument;
            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') quoted.Append('\\', backslashes * 2 + 1).Append('"');
                else quoted.Append('\\', backslashes).Append(c);
                backslashes = 0;
            }
            quoted.Append('\\', backslashes * 2).Append('"');
            return quoted.ToString();
        }
    }
}
