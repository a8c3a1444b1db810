# Shared by the Pester suite: one simulator process for the whole run, credentials that only the
# simulator accepts, and small helpers to read its control surface.

. (Join-Path $PSScriptRoot '../../build/PwshCommand.ps1')

$script:SimAccessKey = 'AKIAIOSFODNN7EXAMPLE'
$script:SimSecretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

function Start-TestSimulator {
    param([Parameter(Mandatory)][string] $SimulatorPath, [string[]] $Arguments = @('--time-scale', '60', '--scenario', 'seed'))
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add($SimulatorPath)
    $psi.ArgumentList.Add('--port'); $psi.ArgumentList.Add('0')
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match '^Listening on (http://127\.0\.0\.1:\d+)') {
            return [pscustomobject]@{ Process = $process; Endpoint = $Matches[1] }
        }
    }
    $process.Kill()
    throw "The simulator at $SimulatorPath did not start."
}

# Ends a simulator the way CI and docker do: SIGTERM (a Windows process has no signals: killed there),
# and a simulator still running 20 s later is killed and reported, so an orphan fails the run instead of
# outliving it.
function Stop-TestSimulator($Simulator) {
    if (-not $Simulator -or $Simulator.Process.HasExited) { return }
    $process = $Simulator.Process
    if ($IsWindows) { $process.Kill($true); $process.WaitForExit(); return }
    $kill = Get-Command -Name kill -CommandType Application -ErrorAction Stop | Select-Object -First 1
    & $kill.Source -s TERM $process.Id
    if (-not $process.WaitForExit(20000)) {
        $process.Kill($true)
        $process.WaitForExit()
        throw "The simulator (process $($process.Id)) did not end on SIGTERM within 20 s; it was killed."
    }
}

function Get-SimEndpoint { $env:ECSBG_TEST_SIMULATOR }

function Reset-Simulator([string] $Scenario = 'seed') {
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/scenario/$Scenario" | Out-Null
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/requests/reset" | Out-Null
}

function Get-SimRequests { Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/requests" }

function Get-SimRequestCount([string] $Key) {
    $counts = Get-SimRequests
    $value = $counts.PSObject.Properties[$Key]
    if ($value) { [int]$value.Value } else { 0 }
}

# Parameters every AWS-calling cmdlet gets in the suite: the simulator, never the real AWS.
function Get-SimAwsParameters {
    @{ EndpointUrl = Get-SimEndpoint; Region = 'eu-west-2'; AccessKey = $script:SimAccessKey; SecretKey = $script:SimSecretKey }
}

function Reset-SimRequests { Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/requests/reset" | Out-Null }

# Every AWS call since the last reset, oldest first: sequence, epochSeconds (simulated), service,
# operation, region, cluster, itemCount, items, status (docs/simulator.md, Request log).
function Get-SimRequestLog { @((Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/requests/log").requests) }

function Get-SimVerdicts { @((Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/verdicts").verdicts) }

# Open connections to the simulator that carried an AWS call since the last reset.
function Get-SimAwsConnections { [int](Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/connections").awsOpen }

# Runs the engine $Seconds simulated seconds now (with the time scale at 0, time moves only so).
function Step-SimClock([double] $Seconds) {
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/advance?seconds=$($Seconds.ToString([Globalization.CultureInfo]::InvariantCulture))" | Out-Null
}

# A wait's ECS DescribeServices and DescribeServiceDeployments calls from the request log, split into
# polls: the calls of one poll come moments apart, polls come a poll interval apart, so a gap of at
# least $GapSeconds (simulated) between two calls starts a new poll. Each poll: Number, Calls.
function Group-SimPolls([object[]] $Log, [double] $GapSeconds) {
    $polls = [Collections.Generic.List[object]]::new()
    $calls = $null
    $last = [double]::NegativeInfinity
    foreach ($entry in $Log | Where-Object { $_.service -eq 'ECS' -and $_.operation -in 'DescribeServices', 'DescribeServiceDeployments' }) {
        if ($null -eq $calls -or [double]$entry.epochSeconds - $last -ge $GapSeconds) {
            $calls = [Collections.Generic.List[object]]::new()
            $polls.Add([pscustomobject]@{ Number = $polls.Count + 1; Calls = $calls })
        }
        $calls.Add($entry)
        $last = [double]$entry.epochSeconds
    }
    $polls.ToArray()
}

function Set-SimServiceDeploymentsApi([bool] $Enabled) {
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/service-deployments-api?enabled=$($Enabled.ToString().ToLowerInvariant())" | Out-Null
}

# How the service-deployments API answers: available, denied, unknown-operation or html-500 (docs/simulator.md).
function Set-SimServiceDeploymentsApiMode([string] $Mode) {
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/service-deployments-api?mode=$Mode" | Out-Null
}

# Makes the simulator accept one more key pair (another principal of the simulated account).
function Add-SimCredential([string] $AccessKey, [string] $SecretKey) {
    $body = @{ accessKeyId = $AccessKey; secretAccessKey = $SecretKey } | ConvertTo-Json
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/credentials" -ContentType 'application/json' -Body $body | Out-Null
}

# The aws CLI as an independent client of the simulator; never the machine's own AWS configuration.
function Invoke-SimAws {
    $saved = @{}
    $environment = @{
        AWS_ACCESS_KEY_ID = $script:SimAccessKey; AWS_SECRET_ACCESS_KEY = $script:SimSecretKey; AWS_DEFAULT_REGION = 'eu-west-2'
        AWS_CONFIG_FILE = '/nonexistent/config'; AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'; AWS_EC2_METADATA_DISABLED = 'true'; AWS_PAGER = ''
    }
    foreach ($k in $environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $environment[$k]) }
    try {
        $json = & aws --endpoint-url (Get-SimEndpoint) --output json @args
        if ($LASTEXITCODE -ne 0) { throw "aws $($args -join ' ') failed with exit code $LASTEXITCODE" }
        if ($json) { $json | Out-String | ConvertFrom-Json }
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Get-SimManifest([string] $Tag) {
    (Invoke-SimAws ecr batch-get-image --repository-name myapplication --image-ids "imageTag=$Tag").images[0].imageManifest
}

function Set-SimTimeScale([double] $Scale) {
    Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/time-scale?value=$Scale" | Out-Null
}

# A fresh pwsh (the same one running the suite) for what must start from a clean process.
function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
    $pwsh = @(Get-PwshCommand)
    $process = $pwsh[0]
    $prefix = @($pwsh | Select-Object -Skip 1)
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        $output = & $process @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}
