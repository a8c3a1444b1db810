using System;
using System.Globalization;

namespace EcsBlueGreen.Values
{
    /// <summary>
    /// PowerShell's parser turns unquoted 5.10 or 42 into numbers before a cmdlet sees them; the
    /// arguments that take text use this to tell a number from text and to print it the same way on
    /// every machine ("1.5", never "1,5").
    /// </summary>
    public static class NumericValue
    {
        public static bool TryFormat(object? value, out string text)
        {
            switch (value)
            {
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                case float _:
                case double _:
                case decimal _:
                    text = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                    return true;
                default:
                    text = "";
                    return false;
            }
        }
    }
}
