<#
.SYNOPSIS
    Runs the Pester suite as a user meets the module: installed from the local PSResourceGet
    repository, against one simulator process shared by every test file.
    Writes {Passed, Failed, Skipped} to -ResultPath.
#>
param(
    [Parameter(Mandatory)][string] $Repository,
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [Parameter(Mandatory)][string] $ResultPath,
    [string] $Filter = '*'
)
$ErrorActionPreference = 'Stop'

Register-PSResourceRepository -Name EcsBlueGreenLocal -Uri $Repository -Trusted -Force
Install-PSResource -Name EcsBlueGreen -Repository EcsBlueGreenLocal -Scope CurrentUser -TrustRepository -Quiet -Reinstall
$installed = Get-Module -ListAvailable EcsBlueGreen
if (-not $installed) { throw 'EcsBlueGreen was not installed from the local repository.' }
Write-Host "Installed EcsBlueGreen $($installed.Version) at $($installed.ModuleBase)"

Import-Module $PesterPath -Force
. (Join-Path $PSScriptRoot 'TestHelpers.ps1')

$simulator = Start-TestSimulator -SimulatorPath $SimulatorPath
try {
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $env:ECSBG_TEST_SIMULATOR_PATH = $SimulatorPath
    $env:ECSBG_TEST_REPOSITORY = $Repository
    $env:ECSBG_TEST_AWSSDK37 = Join-Path (Split-Path (Split-Path (Split-Path $PesterPath))) '../awssdk.core/3.7.402/lib/netcoreapp3.1/AWSSDK.Core.dll'
    $config = New-PesterConfiguration
    $config.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter "$Filter.Tests.ps1" | ForEach-Object FullName)
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    [pscustomobject]@{
        Passed  = $result.PassedCount
        Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount
    } | ConvertTo-Json | Set-Content -Path $ResultPath
}
finally {
    Stop-TestSimulator $simulator
}
