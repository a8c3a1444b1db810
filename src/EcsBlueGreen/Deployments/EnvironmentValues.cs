using System;
using System.Globalization;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// An environment variable holds one string. A value given as a string, a number or a bool has one
    /// obvious text; anything else (a hashtable, an array, a script block, an object) would be
    /// registered as its type name, so it is refused.
    /// </summary>
    public static class EnvironmentValues
    {

        /// <summary>The text to set; null (the variable is removed) for null.</summary>
        public static string? ToText(string name, object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case char character:
                    return character.ToString();
                case bool flag:
                    // As PowerShell prints it, what -Environment always set for a bool.
                    return flag ? "True" : "False";
                default:
                    if (Values.NumericValue.TryFormat(value, out var number))
                    {
                        return number;
                    }

                    throw new EcsBlueGreenException(Errors.ErrorIds.InvalidEnvironmentValue,
                        $"-Environment {name} is a {value.GetType().FullName}, which would be registered as the text '{value}'. An environment variable takes a string, a number or a bool: pass the text (e.g. a JSON string from ConvertTo-Json -Compress), or $null to remove the variable.");
            }
        }
    }
}
