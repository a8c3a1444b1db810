<#
.SYNOPSIS
    Drain and cost benchmark: the seed's release of 2.0 with the target group's deregistration delay at
    300 s (the ELBv2 default) and at 30 s, side by side, and a native blue/green release with a 1-minute
    bake (the simulator's strategies scenario) beside them. Prints each deployment's window: its extra
    task-seconds beyond the desired count (starting, healthy overlap, draining), its estimated Fargate
    cost from the table shipped with the module, and how long it took, in simulated seconds.

.DESCRIPTION
    Every row reloads its scenario, sets the delay with `aws elbv2 modify-target-group-attributes`
    against the simulator, starts the deployment with Start-EcsRollingDeployment and waits for it with
    Wait-EcsSteadyState; the figures are the output object's Window (measured from the tasks' own
    timestamps: pull start or start of the first new task to the stop of the last old one) and the
    simulated clock. The 300 s row is the baseline of the ratios.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [double] $TimeScale = 60
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')
Import-Module $ModulePath -Force

function Get-SimNow { [double](Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/clock").epochSeconds }

function Measure-Release([string] $Name, [string] $Scenario, [string] $Service, [Nullable[int]] $DeregistrationDelay) {
    Reset-Simulator -Scenario $Scenario
    Set-SimTimeScale $TimeScale
    if ($null -ne $DeregistrationDelay) {
        $group = (Invoke-SimAws elbv2 describe-target-groups --names $Service).TargetGroups[0]
        Invoke-SimAws elbv2 modify-target-group-attributes --target-group-arn $group.TargetGroupArn `
            --attributes "Key=deregistration_delay.timeout_seconds,Value=$DeregistrationDelay" | Out-Null
    }
    $startedAt = Get-SimNow
    $wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(5); InformationAction = 'Ignore'; ProgressAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
    $result = Start-EcsRollingDeployment @aws -Cluster myservice -Service $Service -Image '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0' -WarningAction SilentlyContinue -InformationAction Ignore |
        Wait-EcsSteadyState @wait
    $took = (Get-SimNow) - $startedAt
    $w = $result.Window
    [pscustomobject]@{
        Release = $Name
        Status = $result.Status
        'took (s)' = '{0:N0}' -f $took
        'extra task-s' = if ($w) { '{0:N0}' -f $w.ExtraTaskSeconds } else { '-' }
        starting = if ($w) { '{0:N0}' -f $w.StartingTaskSeconds } else { '-' }
        'healthy overlap' = if ($w) { '{0:N0}' -f $w.HealthyOverlapTaskSeconds } else { '-' }
        draining = if ($w) { '{0:N0}' -f $w.DrainingTaskSeconds } else { '-' }
        cost = if ($w -and $w.EstimatedCost) { '{0:N6} {1}' -f $w.EstimatedCost.Amount, $w.EstimatedCost.Currency } else { '-' }
        Extra = if ($w) { [double]$w.ExtraTaskSeconds } else { $null }
        Took = $took
    }
}

$simulator = $null
try {
    $simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', "$TimeScale", '--scenario', 'seed')
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $aws = Get-SimAwsParameters
    "Seed release 2.0 (2 Fargate tasks of 0.25 vCPU / 0.5 GB, eu-west-2), time scale $TimeScale. Times and task-seconds are SIMULATED."
    $rows = @(
        Measure-Release 'rolling, deregistration delay 300 s' 'seed' 'myservice-myapplication' 300
        Measure-Release 'rolling, deregistration delay 30 s' 'seed' 'myservice-myapplication' 30
        Measure-Release 'native blue/green, bake 1 min, delay 300 s' 'strategies' 'myservice-bluegreen' 300
    )
    $rows | Select-Object * -ExcludeProperty Extra, Took | Format-Table -AutoSize | Out-String -Width 200 | ForEach-Object TrimEnd
    $base = $rows[0]
    foreach ($row in $rows | Select-Object -Skip 1) {
        $extra = if ($row.Extra -and $base.Extra) { '{0:N1}x' -f ($base.Extra / $row.Extra) } else { 'n/a' }
        "$($row.Release): the 300 s rolling release has $extra its extra task-seconds and takes $('{0:N1}x' -f ($base.Took / $row.Took)) as long."
    }
}
finally {
    if ($simulator) { Stop-TestSimulator $simulator }
}
