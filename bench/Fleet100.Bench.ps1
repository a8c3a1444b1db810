<#
.SYNOPSIS
    Fleet of 100 benchmark: 100 deployments in 3 clusters and 2 regions (the simulator's fleet100
    scenario), watched by one Wait-EcsSteadyState, beside the loop people write first: one
    Wait-EcsSteadyState per deployment, one after another. Prints the ECS calls of every poll, the delay
    from each service's ECS verdict to ours (p50/p95/max, simulated seconds), peak memory, and the ratios.

.DESCRIPTION
    Every pass reloads fleet100 (in each of eu-west-2 and us-east-1: web-01..25, jobs-01..15,
    api-01..10), stops the simulated clock, starts the 100 deployments with 100 separate
    Start-EcsRollingDeployment calls (2.0; 2.1, whose container exits, on 5 of them, so ECS's circuit
    breaker rolls those back), resets the request log, then lets time run at -TimeScale while they are
    watched at a poll of -PollSimulatedSeconds (5: the cmdlet's default as it behaves against ECS).

    - ECS's verdict: the moment the simulator's engine marked the deployment COMPLETED or (circuit
      breaker) FAILED, from GET /_simulator/verdicts.
    - Ours: the simulated clock (GET /_simulator/clock, 1 s resolution) read the moment the verdict
      object reaches the pipeline (Wait-EcsSteadyState writes each as soon as it is known).
    - Calls: GET /_simulator/requests/log, polls told apart by the gap between calls.
    - Memory: the pwsh process's working set sampled every 50 ms by a thread during the watch (peak
      minus the value just before it), and the managed heap after a full collection, before and after.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [double] $TimeScale = 10,
    [double] $PollSimulatedSeconds = 5
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')
Import-Module $ModulePath -Force

$fleet = foreach ($region in 'eu-west-2', 'us-east-1') {
    foreach ($cluster in @{ Name = 'web'; Size = 25 }, @{ Name = 'jobs'; Size = 15 }, @{ Name = 'api'; Size = 10 }) {
        1..$cluster.Size | ForEach-Object { [pscustomobject]@{ Region = $region; Cluster = $cluster.Name; Service = '{0}-{1:00}' -f $cluster.Name, $_ } }
    }
}
$crashing = @('eu-west-2/web/web-07', 'eu-west-2/jobs/jobs-03', 'eu-west-2/api/api-05', 'us-east-1/web/web-19', 'us-east-1/jobs/jobs-11')
$poll = [TimeSpan]::FromSeconds($PollSimulatedSeconds / $TimeScale)

function Get-SimNow { [double](Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/clock").epochSeconds }

function Start-Fleet {
    Reset-Simulator -Scenario 'fleet100'
    Set-SimTimeScale 0
    $started = foreach ($s in $fleet) {
        $parameters = @{} + $aws
        $parameters.Region = $s.Region
        $tag = if ("$($s.Region)/$($s.Cluster)/$($s.Service)" -in $crashing) { '2.1' } else { '2.0' }
        Start-EcsRollingDeployment @parameters -Cluster $s.Cluster -Service $s.Service -WarningAction SilentlyContinue -InformationAction Ignore `
            -Image "123456789012.dkr.ecr.$($s.Region).amazonaws.com/myapplication:$tag"
    }
    Reset-SimRequests
    $started
}

# Runs $Watch (given the deployments and a scriptblock to call per verdict) with the clock running and
# memory sampled; returns the verdicts with the simulated moment each arrived, and the figures.
function Measure-Watch([string] $Name, [scriptblock] $Watch) {
    $started = @(Start-Fleet)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $heapBefore = [GC]::GetTotalMemory($true)
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    $workingSetBefore = $process.WorkingSet64
    $stopSampling = $stop
    $sampler = Start-ThreadJob -ScriptBlock {
        $signal = $using:stopSampling
        $p = [Diagnostics.Process]::GetCurrentProcess()
        $peak = 0L
        while (-not $signal.IsSet) {
            $p.Refresh()
            if ($p.WorkingSet64 -gt $peak) { $peak = $p.WorkingSet64 }
            Start-Sleep -Milliseconds 50
        }
        $peak
    }
    $arrivals = [Collections.Generic.List[object]]::new()
    $record = { param($r) $arrivals.Add([pscustomobject]@{ Result = $r; At = Get-SimNow }) }
    Set-SimTimeScale $TimeScale
    $t0 = Get-SimNow
    & $Watch $started $record
    $stop.Set()
    $peak = [long]($sampler | Wait-Job | Receive-Job)
    $sampler | Remove-Job
    Set-SimTimeScale 0
    $heapAfter = [GC]::GetTotalMemory($true)
    $stop.Reset()

    $verdicts = @(Get-SimVerdicts)
    $delays = foreach ($a in $arrivals) {
        $r = $a.Result
        $ecs = @($verdicts | Where-Object { $_.region -eq $r.Region -and $_.deploymentId -eq $r.DeploymentId -and $_.verdict -in 'COMPLETED', 'FAILED' })[0]
        [double]$a.At - [double]$ecs.epochSeconds
    }
    $log = @(Get-SimRequestLog | Where-Object service -EQ 'ECS')
    $polls = @(Group-SimPolls $log ($PollSimulatedSeconds / 2))
    [pscustomobject]@{
        Name = $Name
        Right = @($arrivals | Where-Object { $_.Result.Status -eq $(if ("$($_.Result.Region)/$($_.Result.Cluster)/$($_.Result.Service)" -in $crashing) { 'RolledBack' } else { 'Succeeded' }) }).Count
        Verdicts = $arrivals.Count
        Delays = @($delays | Sort-Object)
        Calls = $log.Count
        ByOperation = ($log | Group-Object operation | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
        Polls = $polls
        Throttled = @($log | Where-Object status -NE 200).Count
        PeakWorkingSetMB = ($peak - $workingSetBefore) / 1MB
        HeapGrowthMB = ($heapAfter - $heapBefore) / 1MB
        WatchedFor = (Get-SimNow) - $t0
    }
}

function Get-Percentile([double[]] $Sorted, [double] $P) {
    if (-not $Sorted.Count) { return [double]::NaN }
    $Sorted[[Math]::Min($Sorted.Count - 1, [int][Math]::Ceiling($P / 100 * $Sorted.Count) - 1)]
}

$simulator = $null
$stop = [Threading.ManualResetEventSlim]::new($false)
try {
    $simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', '0', '--scenario', 'fleet100')
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $aws = Get-SimAwsParameters
    "Fleet of 100 (fleet100: 2 regions x web 25, jobs 15, api 10), 100 deployments started one by one, 5 of them 2.1 (rolled back by the circuit breaker)."
    "Time scale $TimeScale; poll $PollSimulatedSeconds simulated s ($($poll.TotalMilliseconds) ms wall). Times are SIMULATED seconds."

    $waitParameters = @{ PollInterval = $poll; Timeout = [TimeSpan]::FromMinutes(10); InformationAction = 'Ignore'; ProgressAction = 'SilentlyContinue'; ErrorAction = 'SilentlyContinue' }
    $runs = @(
        Measure-Watch 'ours: one Wait-EcsSteadyState for all 100' {
            param($Started, $Record)
            $Started | Wait-EcsSteadyState @waitParameters | ForEach-Object { & $Record $_ }
        }
        Measure-Watch 'baseline: foreach deployment, its own Wait-EcsSteadyState' {
            param($Started, $Record)
            foreach ($d in $Started) { $d | Wait-EcsSteadyState @waitParameters | ForEach-Object { & $Record $_ } }
        }
    )

    $ours = $runs[0]
    ''
    "$($ours.Name): calls per poll"
    $ours.Polls | ForEach-Object {
        $ds = @($_.Calls | Where-Object operation -EQ 'DescribeServices')
        $dsd = @($_.Calls | Where-Object operation -EQ 'DescribeServiceDeployments')
        [pscustomobject]@{
            Poll = $_.Number
            'at (s)' = '{0:N0}' -f ([double]$_.Calls[0].epochSeconds - [double]$ours.Polls[0].Calls[0].epochSeconds)
            DescribeServices = $ds.Count
            'services asked' = ($ds | Group-Object { "$($_.region)/$($_.cluster)" } | Sort-Object Name | ForEach-Object { "$($_.Name) $((@($_.Group.itemCount) | Sort-Object -Descending) -join '+')" }) -join '; '
            DescribeServiceDeployments = $dsd.Count
            'ARNs asked' = if ($dsd.Count) { ($dsd | Group-Object region | Sort-Object Name | ForEach-Object { "$($_.Name) $((@($_.Group.itemCount) | Sort-Object -Descending) -join '+')" }) -join '; ' } else { '-' }
        }
    } | Format-Table -AutoSize | Out-String -Width 250 | ForEach-Object TrimEnd

    ''
    $rows = foreach ($run in $runs) {
        $perPoll = @($run.Polls | ForEach-Object { $_.Calls.Count })
        [pscustomobject]@{
            Watch = $run.Name
            right = "$($run.Right)/$($run.Verdicts)"
            'delay p50' = '{0:N0}' -f (Get-Percentile $run.Delays 50)
            'delay p95' = '{0:N0}' -f (Get-Percentile $run.Delays 95)
            'delay max' = '{0:N0}' -f ($run.Delays | Measure-Object -Maximum).Maximum
            'ECS calls' = $run.Calls
            'max calls/poll' = if ($run -eq $ours) { ($perPoll | Measure-Object -Maximum).Maximum } else { '2 per wait' }
            throttled = $run.Throttled
            'peak WS +MB' = '{0:N0}' -f $run.PeakWorkingSetMB
            'heap +MB' = '{0:N1}' -f $run.HeapGrowthMB
            'watched (s)' = '{0:N0}' -f $run.WatchedFor
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 250 | ForEach-Object TrimEnd
    ''
    foreach ($run in $runs) { "$($run.Name): $($run.ByOperation)." }
    $base = $runs[1]
    $ratio = { param($a, $b) if ($b -gt 0) { '{0:N1}x' -f ($a / $b) } else { 'n/a' } }
    "Ratios baseline/ours: ECS calls $(& $ratio $base.Calls $ours.Calls); delay p95 $(& $ratio (Get-Percentile $base.Delays 95) (Get-Percentile $ours.Delays 95)); delay max $(& $ratio ($base.Delays | Measure-Object -Maximum).Maximum ($ours.Delays | Measure-Object -Maximum).Maximum)."
}
finally {
    if ($simulator) { Stop-TestSimulator $simulator }
}
