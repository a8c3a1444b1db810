using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using EcsBlueGreen.Errors;

namespace EcsBlueGreen.Deployments.Costs
{
    /// <summary>
    /// Fargate and Fargate Spot rates per region and CPU architecture. The module ships one dated table
    /// (fargate-prices.json, with its source); a file of the same shape, or one flat rate, replaces it.
    /// </summary>
    public sealed class PriceTable
    {
        private const string ShippedResource = "EcsBlueGreen.Deployments.Costs.fargate-prices.json";
        private static readonly Lazy<PriceTable> ShippedTable = new Lazy<PriceTable>(LoadShipped);

        private readonly Dictionary<string, FargateRate> _rates;
        private readonly FargateRate? _flat;

        private PriceTable(string currency, string source, string? date, Dictionary<string, FargateRate> rates, FargateRate? flat)
        {
            Currency = currency;
            Source = source;
            Date = date;
            _rates = rates;
            _flat = flat;
        }

        public string Currency { get; }
        public string Source { get; }
        public string? Date { get; }

        /// <summary>The table shipped with the module.</summary>
        public static PriceTable Shipped => ShippedTable.Value;

        /// <summary>One rate for every region, provider and architecture (a negotiated price, say).</summary>
        public static PriceTable Flat(decimal vcpuHour, decimal gbHour, string currency, string source)
        {
            if (vcpuHour < 0 || gbHour < 0)
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPricing, "Rates must not be negative.");
            }

            return new PriceTable(currency, source, null, new Dictionary<string, FargateRate>(StringComparer.Ordinal), new FargateRate(vcpuHour, gbHour));
        }

        public static PriceTable FromFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"Cannot read the price table {path}: {ex.Message}");
            }

            return Parse(text, path);
        }

        /// <summary>The shape of fargate-prices.json: currency, source, date, regions.{region}.{FARGATE|FARGATE_SPOT}.{x86_64|arm64}.{vcpuHour,gbHour[,note]}.</summary>
        public static PriceTable Parse(string json, string origin)
        {
            JsonObject root;
            try
            {
                root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException)
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"The price table {origin} is not valid JSON: {ex.Message}");
            }

            var rates = new Dictionary<string, FargateRate>(StringComparer.Ordinal);
            if (root["regions"] is JsonObject regions)
            {
                foreach (var region in regions)
                {
                    foreach (var provider in region.Value as JsonObject ?? new JsonObject())
                    {
                        foreach (var arch in provider.Value as JsonObject ?? new JsonObject())
                        {
                            var vcpu = Number(arch.Value, "vcpuHour", origin);
                            var gb = Number(arch.Value, "gbHour", origin);
                            var note = arch.Value is JsonObject entry ? Text(entry, "note") : null;
                            rates[Key(region.Key, provider.Key, arch.Key)] = new FargateRate(vcpu, gb, note);
                        }
                    }
                }
            }

            if (rates.Count == 0)
            {
                throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"The price table {origin} has no regions.{{region}}.{{FARGATE|FARGATE_SPOT}}.{{x86_64|arm64}} rates.");
            }

            return new PriceTable(Text(root, "currency") ?? "USD", Text(root, "source") ?? origin, Text(root, "date"), rates, null);
        }

        /// <summary>The rate, or null when the table has none for that place.</summary>
        public FargateRate? Find(string region, string capacityProvider, string cpuArchitecture) =>
            _flat ?? (_rates.TryGetValue(Key(region, capacityProvider, cpuArchitecture), out var rate) ? rate : null);

        private static string Key(string region, string provider, string arch) => region + "|" + provider + "|" + arch;

        private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static decimal Number(JsonNode? node, string name, string origin)
        {
            if (node?[name] is JsonValue v && v.TryGetValue<decimal>(out var d) && d >= 0)
            {
                return d;
            }

            throw new EcsBlueGreenException(ErrorIds.InvalidPricing, $"The price table {origin} lacks a non-negative number '{name}'.");
        }

        private static PriceTable LoadShipped()
        {
            using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(ShippedResource)
                ?? throw new InvalidOperationException("The shipped price table is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "the shipped table");
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1}{2})", Source, Currency, Date == null ? "" : ", " + Date);
    }
}
