using System;
using System.IO;

namespace EcsBlueGreen.Tests.AwsSupport
{
    /// <summary>Finds the repository root (the folder holding EcsBlueGreen.psd1) from the test assembly,
    /// and the AWS models vendored in tests/aws-models, without hard-coding any absolute path.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> Root = new Lazy<string>(FindRoot);

        public static string RepositoryRoot => Root.Value;

        public static string AwsModels => Path.Combine(RepositoryRoot, "tests", "aws-models");

        public static string Model(string fileName) => Path.Combine(AwsModels, fileName);

        public static string EcsModel => Model("ecs-2014-11-13.service-2.json");
        public static string EcrModel => Model("ecr-2015-09-21.service-2.json");
        public static string ElbModel => Model("elbv2-2015-12-01.service-2.json");

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EcsBlueGreen.psd1")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("No EcsBlueGreen.psd1 above " + AppContext.BaseDirectory);
        }
    }
}
