# Manifest source. build.ps1 stamps ModuleVersion from Directory.Build.props and writes the
# built copy to out/EcsBlueGreen/EcsBlueGreen.psd1; edit this file, never the built one.
@{
    RootModule             = 'EcsBlueGreen.PowerShell.dll'
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b7f4c1e-3a52-4d8e-9c61-2f0e8d7a9b13'
    Author                 = 'EcsBlueGreen contributors'
    CompanyName            = 'EcsBlueGreen'
    Copyright              = '(c) 2026 EcsBlueGreen contributors. MIT License.'
    Description            = 'Safe, observable rolling ("blue-green-like") deployments of Amazon ECS / Fargate services: push images to ECR, roll out, wait for a truthful verdict, roll back.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('EcsBlueGreen.Format.ps1xml')
    CmdletsToExport        = @(
        'Approve-EcsDeployment'
        'Get-EcsDeployment'
        'Publish-EcrImage'
        'Start-EcsRollingDeployment'
        'Undo-EcsDeployment'
        'Wait-EcsSteadyState'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @('Start-EcsDeployment')
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'ECS', 'Fargate', 'ECR', 'Deployment', 'BlueGreen', 'CI', 'AzureDevOps', 'Jenkins', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/ecsbluegreen/EcsBlueGreen/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/ecsbluegreen/EcsBlueGreen'
            ReleaseNotes = 'See README.md for what this release contains.'
        }
    }
}
