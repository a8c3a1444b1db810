<#
.SYNOPSIS
    Verdict benchmark: the seed scenario's deployments (2.0 succeeds, 2.1 crashes and is rolled back,
    2.2 fails ELB health checks and is rolled back, 9.9 cannot be pulled, waited with -FailFast) on
    the simulator at an accelerated time scale. For each: how long after the simulator reached the
    verdict (in SIMULATED seconds) Start-EcsRollingDeployment | Wait-EcsSteadyState returned it, and
    the ECS API calls of the wait; beside the same figures for a reimplementation of the AWS CLI
    `services-stable` waiter (botocore ECS waiter ServicesStable) polling the same deployment at
    the same time, and what that waiter concludes.

.DESCRIPTION
    Pass 1, per deployment: reset the seed scenario, start the deployment with the module, then
    at once run our wait (-PollInterval = 5 simulated seconds, i.e. the cmdlet's default 5 s as it
    behaves against real ECS) and, in a thread job, the waiter (DescribeServices through the aws CLI
    every 15 simulated seconds, at most 40 attempts; success when every service has exactly one
    deployment and runningCount == desiredCount; failure on MISSING / DRAINING / INACTIVE) on the same
    deployment. The waiter makes only DescribeServices calls and counts them itself, so our calls are
    the simulator's ECS count minus the waiter's.
    Pass 2, per deployment: our wait alone, polling every 15 simulated seconds like the waiter (the
    same cadence: what is left is the difference in what is followed and how many calls a poll costs).
    Pass 3, per deployment: our wait alone with the cmdlet's literal default (-PollInterval not given:
    5 s of wall time, which is 5 x TimeScale simulated seconds).

    Simulated times come from GET /_simulator/clock (read right when a wait returns) and
    GET /_simulator/verdicts; call counts from GET /_simulator/requests (reset after the start).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    # Simulated seconds per wall second. 10 keeps the run near 90 s and keeps the aws CLI's process
    # start (about 0.6 s wall = 6 simulated s) inside the waiter's 15 simulated seconds.
    [double] $TimeScale = 10,
    # Our poll in pass 1, in simulated seconds (5 = the cmdlet's default as it behaves in real time).
    [double] $PollSimulatedSeconds = 5,
    # Pass 2: ours alone at the waiter's cadence (15 simulated s). Pass 3: ours alone with the literal
    # default (5 s wall). Each adds about 30 s; $false skips it.
    [bool] $SamePollAsWaiter = $true,
    [bool] $LiteralDefault = $true
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')
Import-Module $ModulePath -Force

$repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
$target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
$runs = @(
    [pscustomobject]@{ Tag = '2.0'; FailFast = $false; Expect = 'Succeeded' }
    [pscustomobject]@{ Tag = '2.1'; FailFast = $false; Expect = 'RolledBack' }
    [pscustomobject]@{ Tag = '2.2'; FailFast = $false; Expect = 'RolledBack' }
    [pscustomobject]@{ Tag = '9.9'; FailFast = $true; Expect = 'Failed' }
)

# The simulated clock, in epoch seconds with milliseconds.
function Get-SimNow {
    $clock = (Invoke-WebRequest -Uri "$(Get-SimEndpoint)/_simulator/clock").Content | ConvertFrom-Json -DateKind String
    [DateTimeOffset]::Parse($clock.now, [Globalization.CultureInfo]::InvariantCulture).ToUnixTimeMilliseconds() / 1000.0
}

function Get-EcsCallCounts {
    $counts = [ordered]@{}
    foreach ($p in (Get-SimRequests).PSObject.Properties) { if ($p.Name -like 'ECS.*') { $counts[$p.Name.Substring(4)] = [int]$p.Value } }
    $counts
}

# The botocore ServicesStable waiter (delay 15, maxAttempts 40), run in a thread job. Its 15 s are
# simulated seconds: it sleeps 15/TimeScale wall seconds between calls, less the wall time of the
# aws CLI call just made (a Python process start that a real `aws ecs wait` pays once, not per poll),
# so its requests reach ECS every 15 simulated seconds as the real waiter's would.
$waiterScript = {
    param([string] $Helpers, [string] $Endpoint, [double] $TimeScale, [double] $Delay, [int] $MaxAttempts)
    $ErrorActionPreference = 'Stop'
    . $Helpers
    $env:ECSBG_TEST_SIMULATOR = $Endpoint
    function Get-SimNow {
        $clock = (Invoke-WebRequest -Uri "$Endpoint/_simulator/clock").Content | ConvertFrom-Json -DateKind String
        [DateTimeOffset]::Parse($clock.now, [Globalization.CultureInfo]::InvariantCulture).ToUnixTimeMilliseconds() / 1000.0
    }
    $attempts = 0
    $callWall = [Collections.Generic.List[double]]::new()
    while ($true) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $state = 'waiting'; $reason = $null
        try { $response = Invoke-SimAws ecs describe-services --cluster myservice --services myservice-myapplication }
        catch { $state = 'failure'; $reason = "error: $($_.Exception.Message)" }
        $returnedAt = Get-SimNow
        $attempts++
        $callWall.Add($watch.Elapsed.TotalSeconds)
        if ($state -eq 'waiting') {
            # The acceptors, in botocore's order; the first that matches decides.
            if (@($response.failures | ForEach-Object { $_.reason }) -contains 'MISSING') { $state = 'failure'; $reason = 'MISSING' }
            elseif (@($response.services | ForEach-Object { $_.status }) -contains 'DRAINING') { $state = 'failure'; $reason = 'DRAINING' }
            elseif (@($response.services | ForEach-Object { $_.status }) -contains 'INACTIVE') { $state = 'failure'; $reason = 'INACTIVE' }
            elseif (@($response.services | Where-Object { -not (@($_.deployments).Count -eq 1 -and $_.runningCount -eq $_.desiredCount) }).Count -eq 0) {
                $state = 'success'; $reason = 'services stable'
            }
        }
        if ($state -eq 'waiting' -and $attempts -ge $MaxAttempts) { $state = 'failure'; $reason = 'Max attempts exceeded' }
        if ($state -ne 'waiting') {
            $service = @($response.services)[0]
            return [pscustomobject]@{
                State = $state; Reason = $reason; Attempts = $attempts; ReturnedAt = $returnedAt
                TaskDefinition = if ($service) { $service.taskDefinition } else { $null }
                MedianCallWall = ($callWall | Sort-Object)[[int][Math]::Floor($callWall.Count / 2)]
            }
        }
        $sleep = $Delay / $TimeScale - $watch.Elapsed.TotalSeconds
        if ($sleep -gt 0) { Start-Sleep -Milliseconds ([int]($sleep * 1000)) }
    }
}

# One deployment: reset, start, wait (and the waiter beside it when asked). Times are simulated
# seconds since the start returned.
function Invoke-BenchRun($Run, [Nullable[TimeSpan]] $PollInterval, [switch] $WithWaiter) {
    Reset-Simulator
    $deployment = Start-EcsRollingDeployment @target @aws -Image "$($repo):$($Run.Tag)" -SkipImageCheck -WarningAction SilentlyContinue
    $startCalls = [int]((Get-EcsCallCounts).Values | Measure-Object -Sum).Sum
    Reset-SimRequests
    $t0 = Get-SimNow
    $job = if ($WithWaiter) {
        Start-ThreadJob -ScriptBlock $waiterScript -ArgumentList (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1'), (Get-SimEndpoint), $TimeScale, 15, 40
    }
    $waitParameters = @{ FailFast = $Run.FailFast; Timeout = [TimeSpan]::FromMinutes(5) }
    if ($PollInterval) { $waitParameters.PollInterval = $PollInterval }
    $result = $deployment | Wait-EcsSteadyState @waitParameters -ErrorAction SilentlyContinue -InformationAction SilentlyContinue -ProgressAction SilentlyContinue
    $oursAt = Get-SimNow
    $waiter = if ($job) { $job | Wait-Job -Timeout 300 | Receive-Job; $job | Remove-Job -Force }
    $calls = Get-EcsCallCounts
    if ($waiter) { $calls['DescribeServices'] -= $waiter.Attempts }
    $ourCalls = [int]($calls.Values | Measure-Object -Sum).Sum

    $verdicts = @((Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/verdicts").verdicts | Where-Object deploymentId -EQ $deployment.DeploymentId)
    $ecsVerdict = $verdicts | Where-Object verdict -In 'COMPLETED', 'FAILED', 'STOPPED' | Select-Object -First 1
    $rollbackDone = $verdicts | Where-Object verdict -EQ 'ROLLBACK_SUCCESSFUL' | Select-Object -First 1
    # The verdict ours is measured against: ECS's own, or under -FailFast the first task that could
    # not pull its image (ECS itself reaches FAILED only at the circuit breaker's third failure).
    # A task's stoppedReason is set when it starts stopping (stoppingAt); stoppedAt comes 15 s later.
    # Read after the counts, so these calls are not counted.
    $pullArns = @($result.FailedTasks | Where-Object { $_.StoppedReason -like 'CannotPullContainerError*' } | ForEach-Object TaskArn)
    $pullFailureAt = if ($Run.FailFast -and $pullArns) {
        (Invoke-SimAws ecs describe-tasks --cluster myservice --tasks @pullArns).tasks | ForEach-Object { [double]$_.stoppingAt } | Measure-Object -Minimum | ForEach-Object Minimum
    }
    if ($pullFailureAt) { $reference = $pullFailureAt; $referenceName = 'task stopping: CannotPull' }
    elseif ($ecsVerdict) { $reference = [double]$ecsVerdict.epochSeconds; $referenceName = "ECS $($ecsVerdict.verdict)" }
    else { $reference = [double]::NaN; $referenceName = 'none' }

    [pscustomobject]@{
        Tag = $Run.Tag; Expect = $Run.Expect; Reference = $referenceName; StartCalls = $startCalls
        RefAt = $reference - $t0
        EcsVerdictAt = if ($ecsVerdict) { $ecsVerdict.epochSeconds - $t0 } else { [double]::NaN }
        EcsVerdict = if ($ecsVerdict) { $ecsVerdict.verdict } else { '(none yet)' }
        RollbackDoneAt = if ($rollbackDone) { $rollbackDone.epochSeconds - $t0 } else { [double]::NaN }
        Status = $result.Status; StatusReason = $result.StatusReason
        OursAt = $oursAt - $t0; OursDelay = $oursAt - $reference; OursCalls = $ourCalls
        OursDelayEcs = if ($ecsVerdict) { $oursAt - $ecsVerdict.epochSeconds } else { [double]::NaN }
        OursCallsByOp = ($calls.GetEnumerator() | Where-Object Value | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '
        Waiter = $waiter
        WaiterAt = if ($waiter) { $waiter.ReturnedAt - $t0 } else { [double]::NaN }
        WaiterDelay = if ($waiter) { $waiter.ReturnedAt - $reference } else { [double]::NaN }
        # Against ECS's verdict (for 9.9 the circuit breaker's FAILED, which -FailFast does not wait for).
        WaiterDelayEcs = if ($waiter -and $ecsVerdict) { $waiter.ReturnedAt - $ecsVerdict.epochSeconds } else { [double]::NaN }
    }
}

function Format-Seconds([double] $Value) { if ([double]::IsNaN($Value)) { '-' } else { '{0:N1}' -f $Value } }
# The simulated clock has a resolution of 1 s (one engine step), so a delay of 0 counts as "under 1 s".
function Format-Ratio([double] $Top, [double] $Bottom) {
    if ([double]::IsNaN($Top) -or [double]::IsNaN($Bottom)) { '-' } elseif ($Bottom -lt 1) { '>={0:N0}x' -f ($Top / 1) } else { '{0:N1}x' -f ($Top / $Bottom) }
}

function Write-SoloTable($Rows) {
    $Rows | ForEach-Object {
        [pscustomobject]@{
            Image = $_.Tag; 'Verdict ref' = $_.Reference; 'ref at' = Format-Seconds $_.RefAt
            Ours = $_.Status; 'ours at' = Format-Seconds $_.OursAt; 'ours delay' = Format-Seconds $_.OursDelay; 'ours calls' = $_.OursCalls; 'calls by op' = $_.OursCallsByOp
        }
    } | Format-Table -Property * -AutoSize | Out-String -Width 400 | ForEach-Object TrimEnd
}

$simulator = $null
try {
    if (-not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The aws CLI is needed for the services-stable waiter (pip install awscli); not found.' }
    $simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', "$TimeScale", '--scenario', 'seed')
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $aws = Get-SimAwsParameters
    $poll = [TimeSpan]::FromSeconds($PollSimulatedSeconds / $TimeScale)
    "Time scale $TimeScale (simulated s per wall s). All times below are SIMULATED seconds after the start returned."
    "Pass 1: ours with -PollInterval $($poll.TotalMilliseconds) ms wall (= $PollSimulatedSeconds simulated s) and the services-stable waiter (15 simulated s, 40 attempts) on the same deployments."

    $pass1 = foreach ($run in $runs) { Invoke-BenchRun $run -PollInterval $poll -WithWaiter }
    ''
    $pass1 | ForEach-Object {
        [pscustomobject]@{
            Image = $_.Tag; 'Verdict ref' = $_.Reference; 'ref at' = Format-Seconds $_.RefAt; 'ECS verdict at' = "$(Format-Seconds $_.EcsVerdictAt) $($_.EcsVerdict)"
            'rollback done at' = Format-Seconds $_.RollbackDoneAt
            Ours = $_.Status; 'ours at' = Format-Seconds $_.OursAt; 'ours delay' = Format-Seconds $_.OursDelay; 'ours calls' = $_.OursCalls
            Waiter = $_.Waiter.State; 'waiter at' = Format-Seconds $_.WaiterAt; 'waiter delay' = Format-Seconds $_.WaiterDelay; 'waiter calls' = $_.Waiter.Attempts
            'delay ratio' = Format-Ratio $_.WaiterDelay $_.OursDelay; 'calls ratio' = Format-Ratio $_.Waiter.Attempts $_.OursCalls
        }
    } | Format-Table -Property * -AutoSize | Out-String -Width 400 | ForEach-Object TrimEnd
    ''
    foreach ($r in $pass1) {
        "$($r.Tag): ours $($r.Status) (expected $($r.Expect)), $(Format-Seconds $r.OursDelayEcs) s after ECS's own verdict; wait calls: $($r.OursCallsByOp); start calls: $($r.StartCalls)."
        "     waiter: $($r.Waiter.State) ($($r.Waiter.Reason)), service then on $($r.Waiter.TaskDefinition -replace '^.*/', ''); waiter delay after ECS's own verdict: $(Format-Seconds $r.WaiterDelayEcs) s; median aws CLI call $('{0:N2}' -f $r.Waiter.MedianCallWall) s wall."
    }
    $sum = { param($rows, $name) ($rows | Measure-Object -Property $name -Sum).Sum }
    ''
    'Totals over the 4 deployments: delay {0} s ours vs {1} s waiter ({2}); ECS calls {3} ours vs {4} waiter ({5}).' -f `
        (Format-Seconds (& $sum $pass1 OursDelay)), (Format-Seconds (& $sum $pass1 WaiterDelay)), (Format-Ratio (& $sum $pass1 WaiterDelay) (& $sum $pass1 OursDelay)),
        (& $sum $pass1 OursCalls), (($pass1.Waiter | Measure-Object -Property Attempts -Sum).Sum), (Format-Ratio (($pass1.Waiter | Measure-Object -Property Attempts -Sum).Sum) (& $sum $pass1 OursCalls))
    $wrong = @($pass1 | Where-Object { $_.Expect -ne 'Succeeded' -and $_.Waiter.State -eq 'success' })
    "The waiter said 'success' for $($wrong.Count) of the 3 deployments that did not succeed ($($wrong.Tag -join ', '))."

    if ($SamePollAsWaiter) {
        ''
        "Pass 2: ours alone with -PollInterval $(1000 * 15 / $TimeScale) ms wall (= 15 simulated s, the waiter's cadence)."
        Write-SoloTable $(foreach ($run in $runs) { Invoke-BenchRun $run -PollInterval ([TimeSpan]::FromSeconds(15 / $TimeScale)) })
    }
    if ($LiteralDefault) {
        ''
        "Pass 3: ours alone with the literal default -PollInterval (5 s wall = $(5 * $TimeScale) simulated s at this time scale)."
        Write-SoloTable $(foreach ($run in $runs) { Invoke-BenchRun $run -PollInterval $null })
    }
}
finally {
    if ($simulator) { Stop-TestSimulator $simulator }
}
