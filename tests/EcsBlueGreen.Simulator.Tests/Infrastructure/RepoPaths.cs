namespace EcsBlueGreen.Simulator.Tests.Infrastructure;

/// <summary>Finds the repository root by walking up from the test assembly; the AWS models are vendored in tests/aws-models.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EcsBlueGreen.psd1")) || Directory.Exists(Path.Combine(dir.FullName, ".git")))
                    return dir.FullName;
            throw new InvalidOperationException("Repository root (EcsBlueGreen.psd1 or .git) not found above " + AppContext.BaseDirectory);
        }
    }

    public static string AwsModels
    {
        get
        {
            var path = Path.Combine(Root, "tests", "aws-models");
            if (!Directory.Exists(path)) throw new InvalidOperationException($"AWS models not found at {path} (regenerate them with build/Update-AwsModels.ps1).");
            return path;
        }
    }
}
