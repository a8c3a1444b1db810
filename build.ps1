#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates EcsBlueGreen.
.DESCRIPTION
    Run as `dotnet pwsh ./build.ps1 -Task <Task>` after `dotnet tool restore`.
      Clean    removes out/ and every bin/obj folder.
      Build    (default) builds the module into out/EcsBlueGreen and the simulator into out/simulator.
      Package  turns out/EcsBlueGreen into a .nupkg in the local file repository out/repo
               through PSResourceGet, exactly as a PowerShell Gallery publication would.
      Test     Build + Package, then xunit, then Pester in a fresh pwsh against the module installed
               from out/repo; prints one closing line "N passed, N failed".
      Pester   Build + Package, then only the Pester files matching -PesterFilter (a quick loop while
               developing; the closing line counts Pester alone).
      Demo     plays a whole release against the bundled simulator.
      Bench    runs every benchmark under bench/ and prints its figures.
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Package', 'Pester', 'Demo', 'Bench')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Passed to Invoke-Pester's filter: run only the Pester files whose name matches.
    [string] $PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'EcsBlueGreen'
$RepoOut = Join-Path $Out 'repo'
$ResultsOut = Join-Path $Out 'test-results'
$ToolPackages = Join-Path $Root 'build/tools/packages'

# The one version source is Directory.Build.props; everything else is stamped from it.
function Get-ProjectVersion {
    [xml] $props = Get-Content -Raw (Join-Path $Root 'Directory.Build.props')
    return ($props.Project.PropertyGroup | Where-Object { $_['VersionPrefix'] } | Select-Object -First 1).VersionPrefix
}

. (Join-Path $PSScriptRoot 'build/PwshCommand.ps1')

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# What the module ships, and nothing else: a new dependency must be added here on purpose.
$ShippedDependencies = @(
    'EcsBlueGreen.dll'
    'AWSSDK.Core.dll'
    'AWSSDK.SecurityToken.dll'
    'AWSSDK.SSO.dll'
    'AWSSDK.SSOOIDC.dll'
    'AWSSDK.Extensions.Numerics.dll'   # AWSSDK.Core 4.x dependency
    'System.IO.Hashing.dll'            # AWSSDK.Core 4.x dependency (checksums)
    'System.Text.Json.dll'
    'System.Text.Encodings.Web.dll'
    'System.Memory.dll'
    'System.Buffers.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Threading.Tasks.Extensions.dll'
    'System.ValueTuple.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Bcl.TimeProvider.dll'
)

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
    Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'bench') -Recurse -Directory -Include bin, obj -ErrorAction SilentlyContinue |
        Remove-Item -Recurse -Force
}

function Restore-TestTools {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'build/tools.csproj'), '--packages', $ToolPackages, '-v', 'q', '--nologo')
}

function Invoke-Build {
    $version = Get-ProjectVersion
    Write-Host "Building EcsBlueGreen $version ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'EcsBlueGreen.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')

    $stage = Join-Path $Out 'stage/module'
    if (Test-Path $stage) { Remove-Item -Recurse -Force $stage }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/EcsBlueGreen.PowerShell/EcsBlueGreen.PowerShell.csproj'), '-c', $Configuration, '-o', $stage, '--no-build', '--nologo', '-v', 'q')

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $deps = Join-Path $ModuleOut 'Dependencies'
    New-Item -ItemType Directory -Force -Path $deps | Out-Null
    Copy-Item (Join-Path $stage 'EcsBlueGreen.PowerShell.dll') $ModuleOut

    $published = Get-ChildItem $stage -Filter *.dll | Where-Object Name -NE 'EcsBlueGreen.PowerShell.dll' | ForEach-Object Name
    $unexpected = $published | Where-Object { $_ -notin $ShippedDependencies }
    if ($unexpected) { throw "Unexpected assemblies in the module output (add them to `$ShippedDependencies on purpose): $($unexpected -join ', ')" }
    foreach ($dll in $published) { Copy-Item (Join-Path $stage $dll) $deps }

    Copy-Item (Join-Path $Root 'src/EcsBlueGreen.PowerShell/EcsBlueGreen.Format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Write-ModuleHelp -Destination (Join-Path $ModuleOut 'en-US')
    Write-ModuleManifest -Version $version

    $simulatorProject = Join-Path $Root 'src/EcsBlueGreen.Simulator/EcsBlueGreen.Simulator.csproj'
    if (Test-Path $simulatorProject) {
        Invoke-Native dotnet @('publish', $simulatorProject, '-c', $Configuration, '-o', (Join-Path $Out 'simulator'), '--no-build', '--nologo', '-v', 'q')
    }
    Write-Host "Module ready at $ModuleOut"
}

function Write-ModuleManifest {
    param([string] $Version)
    $source = Join-Path $Root 'EcsBlueGreen.psd1'
    $target = Join-Path $ModuleOut 'EcsBlueGreen.psd1'
    $text = Get-Content -Raw $source
    $text = $text -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$Version'"
    Set-Content -Path $target -Value $text -Encoding utf8NoBOM

    # The manifest must export exactly the cmdlets the assembly defines: nothing stubbed, nothing forgotten.
    $manifest = Import-PowerShellDataFile $target
    $declared = @($manifest.CmdletsToExport | Sort-Object)
    $defined = @(& (Join-Path $Root 'build/Get-CmdletNames.ps1') -AssemblyPath (Join-Path $ModuleOut 'EcsBlueGreen.PowerShell.dll') | Sort-Object)
    if (Compare-Object $declared $defined) {
        throw "CmdletsToExport ($($declared -join ', ')) differs from the cmdlets defined in EcsBlueGreen.PowerShell.dll ($($defined -join ', '))."
    }
    Test-ModuleManifest -Path $target | Out-Null
}

function Write-ModuleHelp {
    param([string] $Destination)
    $helpBuilder = Join-Path $Root 'src/EcsBlueGreen.HelpBuilder/EcsBlueGreen.HelpBuilder.csproj'
    New-Item -ItemType Directory -Force -Path $Destination | Out-Null
    if (Test-Path $helpBuilder) {
        Invoke-Native dotnet @('run', '--project', $helpBuilder, '-c', $Configuration, '--no-build', '--',
            '--docs', (Join-Path $Root 'docs'), '--out', $Destination, '--assembly', (Join-Path $ModuleOut 'EcsBlueGreen.PowerShell.dll'))
    }
}

function Invoke-Package {
    $version = Get-ProjectVersion
    if (Test-Path $RepoOut) { Remove-Item -Recurse -Force $RepoOut }
    New-Item -ItemType Directory -Force -Path $RepoOut | Out-Null
    # A child pwsh with its own XDG folders: registering the local repository must not touch the
    # user's PSResourceGet configuration.
    $sandbox = New-Sandbox 'package'
    $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name EcsBlueGreenLocal -Uri '$RepoOut' -Trusted -Force
Publish-PSResource -Path '$ModuleOut' -Repository EcsBlueGreenLocal
"@
    try { Invoke-Sandboxed -Sandbox $sandbox -Script $script }
    finally { Remove-Item -Recurse -Force $sandbox -ErrorAction SilentlyContinue }
    $nupkg = Get-ChildItem $RepoOut -Filter "EcsBlueGreen.$version.nupkg"
    if (-not $nupkg) { throw "Publish-PSResource did not produce EcsBlueGreen.$version.nupkg in $RepoOut." }
    Write-Host "Packaged $($nupkg.FullName)"
}

function New-Sandbox([string] $Name) {
    $dir = Join-Path ([IO.Path]::GetTempPath()) "ecsbluegreen-$Name-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    foreach ($sub in @('home')) { New-Item -ItemType Directory -Force -Path (Join-Path $dir $sub) | Out-Null }
    return $dir
}

# PSResourceGet installs CurrentUser modules under $HOME, so HOME moves too; tools found through
# HOME (pyenv's aws shim) keep their real root.
function Get-SandboxEnvironment([string] $Sandbox) {
    $pyenvRoot = if ($env:PYENV_ROOT) { $env:PYENV_ROOT } elseif ($env:HOME -and (Test-Path (Join-Path $env:HOME '.pyenv'))) { Join-Path $env:HOME '.pyenv' } else { $null }
    return @{
        HOME            = Join-Path $Sandbox 'home'
        PYENV_ROOT      = $pyenvRoot
        DOTNET_CLI_HOME = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { $env:HOME }
        # Unset, so PowerShell's module path and PSResourceGet agree on $HOME/.local/share.
        XDG_DATA_HOME   = $null
        XDG_CONFIG_HOME = $null
        XDG_CACHE_HOME  = $null
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK = 'Off'
    }
}

function Invoke-Sandboxed {
    param([string] $Sandbox, [string] $Script, [string[]] $Arguments = @())
    $environment = Get-SandboxEnvironment $Sandbox
    $saved = @{}
    foreach ($key in $environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $environment[$key]) }
    try {
        $pwsh = @(Get-PwshCommand)
        $exe = $pwsh[0]; $prefix = @($pwsh | Select-Object -Skip 1)
        if ($Script) {
            & $exe @prefix -NoProfile -NonInteractive -Command $Script
        }
        else {
            & $exe @prefix -NoProfile -NonInteractive @Arguments
        }
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed with exit code $LASTEXITCODE." }
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    return [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted; Skipped = [int]$counters.notExecuted }
}

# The .NET Framework profile (Windows PowerShell 5.1's runtime) under Mono: tests/EcsBlueGreen.NetFramework
# imports out/EcsBlueGreen as Windows PowerShell does and drives the core from its Dependencies/ folder.
# No Mono is a failure, not a skip: the README promises Windows PowerShell 5.1.
function Invoke-NetFrameworkSuite {
    $xml = Join-Path $ResultsOut 'netfx.xml'
    $runner = Join-Path $ToolPackages 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
    $testHost = Join-Path $Root "tests/EcsBlueGreen.NetFramework/bin/$Configuration/net472/EcsBlueGreen.NetFramework.exe"
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $mono) {
        Write-Host 'netfx: Mono is not installed (Debian: apt-get install mono-devel, as .ci/run does), so the .NET Framework suite did not run.'
    }
    else {
        Write-Host 'netfx: the .NET Framework host under Mono, against the packaged module'
        $saved = @{}
        $environment = @{ ECSBG_NETFX_MODULE = $ModuleOut; ECSBG_NETFX_SIMULATOR = (Join-Path $Out 'simulator/EcsBlueGreen.Simulator.dll') }
        foreach ($key in $environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $environment[$key]) }
        try { & $mono.Source $runner $testHost -noshadow -nologo -xml $xml | Out-Host }
        finally { foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) } }
    }
    $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $xml) {
        [xml] $report = Get-Content -Raw $xml
        # Attributes by name: <assembly> also has an <errors> child element.
        foreach ($assembly in @($report.assemblies.assembly)) {
            $counts.Passed += [int]$assembly.GetAttribute('passed')
            $counts.Failed += [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
            $counts.Skipped += [int]$assembly.GetAttribute('skipped')
        }
        if ($counts.Passed + $counts.Failed -eq 0) { Write-Host 'netfx: the runner found no test.'; $counts.Failed = 1 }
    }
    else {
        if ($mono) { Write-Host 'netfx: the runner wrote no results (host or runner failure).' }
        $counts.Failed = 1
    }
    $line = "netfx: $($counts.Passed) passed, $($counts.Failed) failed"
    if ($counts.Skipped) { $line += ", $($counts.Skipped) skipped" }
    Write-Host $line
    return $counts
}

# Pester in a fresh pwsh against the module installed from out/repo (what a Gallery user gets).
function Invoke-PesterSuite {
    $passed = 0; $failed = 0; $skipped = 0
    New-Item -ItemType Directory -Force -Path $ResultsOut | Out-Null
    Write-Host 'Pester: installing the packaged module from the local repository into a fresh sandbox'
    $sandbox = New-Sandbox 'pester'
    $pesterResult = Join-Path $ResultsOut 'pester.json'
    $arguments = @('-File', (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-Repository', $RepoOut,
        '-PesterPath', (Join-Path $ToolPackages 'pester/5.7.1/tools/Pester.psd1'),
        '-SimulatorPath', (Join-Path $Out 'simulator/EcsBlueGreen.Simulator.dll'),
        '-ResultPath', $pesterResult)
    # Passed only when narrowed: a bare '*' would be glob-expanded on its way to a native process.
    if ($PesterFilter -ne '*') { $arguments += @('-Filter', $PesterFilter) }
    try { Invoke-Sandboxed -Sandbox $sandbox -Arguments $arguments | Out-Host } catch { Write-Host $_ }
    if (Test-Path $pesterResult) {
        $counts = Get-Content -Raw $pesterResult | ConvertFrom-Json
        $passed += $counts.Passed; $failed += $counts.Failed; $skipped += $counts.Skipped
    }
    else {
        Write-Host 'Pester produced no results.'
        $failed += 1
    }
    Remove-Item -Recurse -Force $sandbox -ErrorAction SilentlyContinue
    return [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-Test {
    Restore-TestTools
    Invoke-Build
    Invoke-Package
    if (Test-Path $ResultsOut) { Remove-Item -Recurse -Force $ResultsOut }
    New-Item -ItemType Directory -Force -Path $ResultsOut | Out-Null

    $passed = 0; $failed = 0; $skipped = 0
    $testProjects = Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter *.Tests.csproj
    foreach ($project in $testProjects) {
        $trxName = "$($project.BaseName).trx"
        Write-Host "xunit: $($project.BaseName)"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=minimal' --results-directory $ResultsOut
        $trx = Join-Path $ResultsOut $trxName
        if (Test-Path $trx) {
            $counts = Read-TrxCounts $trx
            $passed += $counts.Passed; $failed += $counts.Failed; $skipped += $counts.Skipped
        }
        else {
            Write-Host "xunit: $($project.BaseName) produced no results (build or host failure)."
            $failed += 1
        }
    }

    $netfx = Invoke-NetFrameworkSuite
    $passed += $netfx.Passed; $failed += $netfx.Failed; $skipped += $netfx.Skipped

    $pester = Invoke-PesterSuite
    $passed += $pester.Passed; $failed += $pester.Failed; $skipped += $pester.Skipped

    $line = "$passed passed, $failed failed"
    if ($skipped) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $Root 'examples/Demo.ps1') -ModulePath $ModuleOut -SimulatorPath (Join-Path $Out 'simulator/EcsBlueGreen.Simulator.dll')
    if (-not $?) { exit 1 }
}

function Invoke-Bench {
    Invoke-Build
    foreach ($bench in Get-ChildItem (Join-Path $Root 'bench') -Filter *.ps1 | Sort-Object Name) {
        Write-Host "== $($bench.BaseName)"
        & $bench.FullName -ModulePath $ModuleOut -SimulatorPath (Join-Path $Out 'simulator/EcsBlueGreen.Simulator.dll')
    }
}

Push-Location $Root
try {
    switch ($Task) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Package' { Invoke-Build; Invoke-Package }
        'Test' { Invoke-Test }
        'Pester' {
            Restore-TestTools
            Invoke-Build
            Invoke-Package
            $pester = Invoke-PesterSuite
            Write-Host "$($pester.Passed) passed, $($pester.Failed) failed"
            if ($pester.Failed -gt 0) { exit 1 }
        }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
    }
}
finally {
    Pop-Location
}
