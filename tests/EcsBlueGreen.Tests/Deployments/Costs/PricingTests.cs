using System;
using System.IO;
using EcsBlueGreen.Deployments.Costs;
using EcsBlueGreen.Ecs.Model;
using EcsBlueGreen.Errors;
using Xunit;

namespace EcsBlueGreen.Tests.Deployments.Costs
{
    public class PricingTests
    {
        private static EcsTask Task(string cpu = "256", string memory = "512", string arch = "x86_64", string? provider = null, string launchType = "FARGATE") =>
            new EcsTask { Cpu = cpu, Memory = memory, CpuArchitecture = arch, CapacityProviderName = provider, LaunchType = launchType };

        [Fact]
        public void The_shipped_table_is_dated_and_sourced_and_prices_x86_arm_and_spot_as_it_says()
        {
            var table = PriceTable.Shipped;
            Assert.Equal("2026-12-04", table.Date);
            Assert.Contains("aws.amazon.com/fargate/pricing", table.Source, StringComparison.Ordinal);
            Assert.Equal("USD", table.Currency);

            // 1 hour of extra task-seconds for one 0.25 vCPU / 0.5 GB task in eu-west-2.
            var x86 = WindowPricing.Price(3600, Task(), "eu-west-2", table)!;
            Assert.Equal(0.25m * 0.04656m + 0.5m * 0.00511m, x86.Amount);
            Assert.Equal(0.014195m, x86.Amount);
            var arm = WindowPricing.Price(3600, Task(arch: "arm64"), "eu-west-2", table)!;
            Assert.Equal(Math.Round(0.25m * 0.03725m + 0.5m * 0.00409m, 6), arm.Amount);
            Assert.Equal("arm64", arm.CpuArchitecture);
            var spot = WindowPricing.Price(3600, Task(provider: "FARGATE_SPOT"), "eu-west-2", table)!;
            Assert.Equal(Math.Round(0.25m * 0.01397m + 0.5m * 0.00153m, 6), spot.Amount);
            Assert.Equal("FARGATE_SPOT", spot.CapacityProvider);
            Assert.Equal(0.01164m + 0.002555m, 0.25m * 0.04656m + 0.5m * 0.00511m);
        }

        [Fact]
        public void Only_the_checked_rates_go_without_an_unverified_label()
        {
            var table = PriceTable.Shipped;
            Assert.Contains("us-east-1 on-demand checked", table.Source, StringComparison.Ordinal);
            foreach (var arch in new[] { "x86_64", "arm64" })
            {
                Assert.Equal(table.Source, WindowPricing.Price(3600, Task(arch: arch), "us-east-1", table)!.Source);
                Assert.Equal(table.Source + "; this rate: unverified Spot snapshot, not checked against AWS's page",
                    WindowPricing.Price(3600, Task(arch: arch, provider: "FARGATE_SPOT"), "us-east-1", table)!.Source);
                foreach (var region in new[] { "us-east-2", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1" })
                {
                    Assert.Equal(table.Source + "; this rate: unverified snapshot, not checked against AWS's page",
                        WindowPricing.Price(3600, Task(arch: arch), region, table)!.Source);
                    Assert.EndsWith("unverified Spot snapshot, not checked against AWS's page",
                        WindowPricing.Price(3600, Task(arch: arch, provider: "FARGATE_SPOT"), region, table)!.Source, StringComparison.Ordinal);
                }
            }

            // The page's own worked example: $0.000011244 per vCPU-second.
            Assert.Equal(0.000011244m, Math.Round(table.Find("us-east-1", "FARGATE", "x86_64")!.VcpuHour / 3600m, 9));
        }

        [Fact]
        public void Ec2_tasks_and_unknown_regions_get_no_price()
        {
            Assert.Null(WindowPricing.Price(100, Task(launchType: "EC2"), "eu-west-2", PriceTable.Shipped));
            Assert.Null(WindowPricing.Price(100, Task(provider: "my-asg-provider", launchType: "EC2"), "eu-west-2", PriceTable.Shipped));
            Assert.Null(WindowPricing.Price(100, Task(), "ap-nowhere-9", PriceTable.Shipped));
        }

        [Fact]
        public void A_flat_rate_replaces_the_table_and_the_amount_is_rounded_to_six_places()
        {
            var flat = PriceTable.Flat(1m, 1m, "EUR", "contract");
            var cost = WindowPricing.Price(10, Task(cpu: "1024", memory: "2048"), "anywhere-1", flat)!;
            // (1 vCPU x 1 + 2 GB x 1) per hour for 10 s = 3 / 360.
            Assert.Equal(0.008333m, cost.Amount);
            Assert.Equal("EUR", cost.Currency);
            Assert.Equal("contract", cost.Source);
        }

        [Fact]
        public void A_price_file_replaces_the_shipped_table_and_a_broken_one_is_InvalidPricing()
        {
            var path = Path.Combine(Path.GetTempPath(), "ecsbg-prices-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(path, "{\"currency\":\"GBP\",\"source\":\"my sheet\",\"date\":\"2026-01-01\",\"regions\":{\"eu-west-2\":{\"FARGATE\":{\"x86_64\":{\"vcpuHour\":0.1,\"gbHour\":0.01}}}}}");
                var table = PriceTable.FromFile(path);
                var cost = WindowPricing.Price(3600, Task(), "eu-west-2", table)!;
                Assert.Equal(0.025m + 0.005m, cost.Amount);
                Assert.Equal("GBP", cost.Currency);
                Assert.Equal("2026-01-01", cost.PriceDate);

                File.WriteAllText(path, "{\"regions\":{\"eu-west-2\":{\"FARGATE\":{\"x86_64\":{\"vcpuHour\":\"cheap\"}}}}}");
                var ex = Assert.Throws<EcsBlueGreenException>(() => PriceTable.FromFile(path));
                Assert.Same(ErrorIds.InvalidPricing, ex.Error);
                Assert.Same(ErrorIds.InvalidPricing, Assert.Throws<EcsBlueGreenException>(() => PriceTable.Parse("not json", "x")).Error);
                Assert.Same(ErrorIds.InvalidPricing, Assert.Throws<EcsBlueGreenException>(() => PriceTable.Parse("{}", "x")).Error);
                Assert.Same(ErrorIds.InvalidPricing, Assert.Throws<EcsBlueGreenException>(() => PriceTable.Flat(-1, 0, "USD", "x")).Error);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
