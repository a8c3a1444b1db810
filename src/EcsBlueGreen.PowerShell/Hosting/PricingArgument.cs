using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// -Pricing: nothing (the shipped, dated table), a path to a table of the same shape, or one flat
    /// rate as @{ VcpuHour; GbHour; Currency; Source }.
    /// </summary>
    internal static class PricingArgument
    {
        public static PriceTable Resolve(object? value, Func<string, string> resolvePath)
        {
            var raw = value is PSObject pso ? pso.BaseObject : value;
            switch (raw)
            {
                case null:
                    return PriceTable.Shipped;
                case PriceTable table:
                    return table;
                case string path when path.Length > 0:
                    return PriceTable.FromFile(resolvePath(path));
                case IDictionary rates:
                    return PriceTable.Flat(Rate(rates, "VcpuHour"), Rate(rates, "GbHour"),
                        Text(rates, "Currency") ?? "USD", Text(rates, "Source") ?? "-Pricing");
                default:
                    throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"-Pricing takes a path or a hashtable, not {raw.GetType().Name}.");
            }
        }

        private static object? Get(IDictionary d, string key)
        {
            foreach (DictionaryEntry e in d)
            {
                if (string.Equals(e.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return e.Value is PSObject p ? p.BaseObject : e.Value;
                }
            }

            return null;
        }

        private static decimal Rate(IDictionary d, string key)
        {
            var v = Get(d, key);
            try
            {
                if (v != null && !(v is bool))
                {
                    return Convert.ToDecimal(v, CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                // Reported below with the key it concerns.
            }

            throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"-Pricing needs a number '{key}' (per hour).");
        }

        private static string? Text(IDictionary d, string key) => Get(d, key)?.ToString();
    }
}
