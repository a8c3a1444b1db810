<#
.SYNOPSIS
    Fleet benchmark: the ECS calls it costs to watch 20 deployments at once. Ours is one
    Wait-EcsSteadyState given the 20 deployments that 20 separate Start-EcsRollingDeployment calls
    returned; beside it the AWS CLI `services-stable` waiter (botocore ECS waiter ServicesStable) as
    people run it on a fleet: one waiter per service in a loop, and `--services` with 10 names (the
    API's limit), two such waiters side by side. Prints the calls of every poll and the totals.

.DESCRIPTION
    Every pass reloads the fleet20 scenario (the seed plus fleet-01..fleet-20 in cluster myservice),
    stops the simulated clock, starts the 20 deployments (2.0) one by one with the module, in three
    waves (7, 8, 5) 20 simulated seconds apart so they finish at different polls, resets the request
    log, lets time run at -TimeScale and watches until every service is done. The calls are read from
    GET /_simulator/requests/log (the watch's only), the moments from the log's simulated times and
    GET /_simulator/verdicts, all in SIMULATED seconds after the watch began.

    - ours, 15 s: Wait-EcsSteadyState with -PollInterval = 15 simulated seconds, the waiter's period.
    - ours, 5 s: -PollInterval = 5 simulated seconds (the cmdlet's default as it behaves against ECS).
    - waiter per service, in a loop: `foreach ($s in $fleet) { aws ecs wait services-stable --services $s }`,
      reimplemented (as in Verdict.Bench.ps1): DescribeServices through the aws CLI at once, then every
      15 s, at most 40 attempts; success when every service has one deployment and runningCount ==
      desiredCount; failure on MISSING, DRAINING or INACTIVE.
    - waiter with --services, 10 names: fleet-01..10 and fleet-11..20, the two waiters in thread jobs
      side by side.
    Twenty single-service waiters run side by side would make 20 calls per poll by construction; they
    are not run here (20 aws CLI processes every poll is more than the 2-core machine keeps on time).

    Our polls are told apart by the gap between calls (a poll's calls come moments apart). The
    waiter's 15 s are simulated: it sleeps 15/TimeScale wall seconds less the wall time of the aws
    CLI call it just made (a Python start a real `aws ecs wait` pays once per waiter).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    # Simulated seconds per wall second. At 5 the waiter's 15 s are 3 s of wall time, which holds an aws
    # CLI call (a Python start: 0.5 s on a quiet machine, 2 s on a busy one) with room to spare.
    [double] $TimeScale = 5,
    # Only our two passes (e.g. to measure another build of the module).
    [switch] $SkipWaiters
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')
Import-Module $ModulePath -Force

$repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
$fleet = 1..20 | ForEach-Object { 'fleet-{0:00}' -f $_ }
$waves = @(@($fleet[0..6]), @($fleet[7..14]), @($fleet[15..19]))

# The fleet20 world with 20 deployments in flight, started one by one while time stands still; the
# request log is reset and the clock runs from here. Returns the deployments.
function Start-Fleet {
    Reset-Simulator -Scenario 'fleet20'
    Set-SimTimeScale 0
    $started = for ($i = 0; $i -lt $waves.Count; $i++) {
        foreach ($service in $waves[$i]) {
            Start-EcsRollingDeployment -Cluster myservice -Service $service @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        }
        if ($i -lt $waves.Count - 1) { Step-SimClock 20 }
    }
    Reset-SimRequests
    $started
}

function Get-SimNow { [double](Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/clock").epochSeconds }

# The services-stable waiter on up to 10 services; returns its state, attempts and end (simulated epoch s).
$waiterScript = {
    param([string] $Helpers, [string] $Endpoint, [double] $TimeScale, [string[]] $Services, [double] $Delay = 15, [int] $MaxAttempts = 40)
    $ErrorActionPreference = 'Stop'
    . $Helpers
    $env:ECSBG_TEST_SIMULATOR = $Endpoint
    $attempts = 0
    $callWall = [Collections.Generic.List[double]]::new()
    while ($true) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $response = Invoke-SimAws ecs describe-services --cluster myservice --services @Services
        $callWall.Add($watch.Elapsed.TotalSeconds)
        $attempts++
        $state = 'waiting'
        if (@($response.failures | ForEach-Object { $_.reason }) -contains 'MISSING') { $state = 'failure' }
        elseif (@($response.services | ForEach-Object { $_.status }) -contains 'DRAINING') { $state = 'failure' }
        elseif (@($response.services | ForEach-Object { $_.status }) -contains 'INACTIVE') { $state = 'failure' }
        elseif (@($response.services | Where-Object { -not (@($_.deployments).Count -eq 1 -and $_.runningCount -eq $_.desiredCount) }).Count -eq 0) { $state = 'success' }
        if ($state -eq 'waiting' -and $attempts -ge $MaxAttempts) { $state = 'failure' }
        if ($state -ne 'waiting') {
            return [pscustomobject]@{
                State = $state; Services = $Services.Count; Attempts = $attempts; CallWall = $callWall.ToArray()
                EndedAt = [double](Invoke-RestMethod -Uri "$Endpoint/_simulator/clock").epochSeconds
            }
        }
        $sleep = $Delay / $TimeScale - $watch.Elapsed.TotalSeconds
        if ($sleep -gt 0) { Start-Sleep -Milliseconds ([int]($sleep * 1000)) }
    }
}

# "10+3" for two calls of 10 and 3 items; "20x1" for twenty calls of one.
function Format-Items([object[]] $Counts) {
    if ($Counts.Count -gt 2 -and @($Counts | Sort-Object -Unique).Count -eq 1) { "$($Counts.Count)x$($Counts[0])" } else { $Counts -join '+' }
}

# DescribeServices / DescribeServiceDeployments of the watch, poll by poll, from the request log.
function Get-PollRows([double] $Since, [double] $Gap) {
    foreach ($poll in Group-SimPolls (Get-SimRequestLog) $Gap) {
        $ds = @($poll.Calls | Where-Object operation -EQ 'DescribeServices')
        $dsd = @($poll.Calls | Where-Object operation -EQ 'DescribeServiceDeployments')
        [pscustomobject]@{
            Poll = $poll.Number
            'at (s)' = '{0:N0}' -f ([double]$poll.Calls[0].epochSeconds - $Since)
            DescribeServices = $ds.Count
            'services asked' = Format-Items @($ds.itemCount)
            DescribeServiceDeployments = $dsd.Count
            'ARNs asked' = if ($dsd.Count) { Format-Items @($dsd.itemCount) } else { '-' }
            Calls = $poll.Calls.Count
        }
    }
}

function Get-LastVerdictAt($Deployments, [double] $Since) {
    $ids = @($Deployments.DeploymentId)
    $completed = @(Get-SimVerdicts | Where-Object { $_.verdict -eq 'COMPLETED' -and $_.deploymentId -in $ids })
    ($completed.epochSeconds | Measure-Object -Maximum).Maximum - $Since
}

function Invoke-Ours([double] $PollSimulatedSeconds) {
    $started = @(Start-Fleet)
    Set-SimTimeScale $TimeScale
    $t0 = Get-SimNow
    $results = @($started | Wait-EcsSteadyState -PollInterval ([TimeSpan]::FromSeconds($PollSimulatedSeconds / $TimeScale)) -Timeout ([TimeSpan]::FromMinutes(5)) -InformationAction SilentlyContinue -ProgressAction SilentlyContinue)
    $endedAt = Get-SimNow
    $rows = @(Get-PollRows $t0 ($PollSimulatedSeconds / 2))
    $log = @(Get-SimRequestLog | Where-Object service -EQ 'ECS')
    [pscustomobject]@{
        Name = "ours, one Wait-EcsSteadyState, poll $PollSimulatedSeconds s"; Rows = $rows
        Succeeded = @($results | Where-Object Status -EQ 'Succeeded').Count
        Calls = $log.Count
        ByOperation = ($log | Group-Object operation | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
        Polls = $rows.Count
        PerPoll = ($rows | ForEach-Object Calls) -join ','
        EndedAt = $endedAt - $t0
        LastCompletedAt = Get-LastVerdictAt $started $t0
        MedianCallWall = $null
    }
}

function Invoke-Waiters([string] $Name, [object[]] $Groups, [switch] $SideBySide) {
    $started = @(Start-Fleet)
    Set-SimTimeScale $TimeScale
    $t0 = Get-SimNow
    $helpers = Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1'
    $outcomes = if ($SideBySide) {
        $jobs = foreach ($group in $Groups) { Start-ThreadJob -ScriptBlock $waiterScript -ArgumentList $helpers, (Get-SimEndpoint), $TimeScale, ([string[]]$group) }
        $jobs | Wait-Job -Timeout 600 | Receive-Job
        $jobs | Remove-Job -Force
    }
    else {
        foreach ($group in $Groups) { & $waiterScript $helpers (Get-SimEndpoint) $TimeScale ([string[]]$group) }
    }
    $log = @(Get-SimRequestLog | Where-Object service -EQ 'ECS')
    [pscustomobject]@{
        Name = $Name; Rows = @()
        Succeeded = (@($outcomes | Where-Object State -EQ 'success') | Measure-Object -Property Services -Sum).Sum
        Calls = $log.Count
        ByOperation = ($log | Group-Object operation | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
        Polls = [int]($outcomes | Measure-Object -Property Attempts -Maximum).Maximum
        PerPoll = if ($SideBySide) { "$($Groups.Count) (one per waiter)" } else { '1 (one waiter at a time)' }
        EndedAt = ($outcomes | Measure-Object -Property EndedAt -Maximum).Maximum - $t0
        LastCompletedAt = Get-LastVerdictAt $started $t0
        MedianCallWall = ($outcomes.CallWall | Sort-Object)[[int][Math]::Floor(@($outcomes.CallWall).Count / 2)]
    }
}

$simulator = $null
try {
    if (-not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The aws CLI is needed for the services-stable waiter (pip install awscli); not found.' }
    $simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', "$TimeScale", '--scenario', 'fleet20')
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $aws = Get-SimAwsParameters
    "Fleet of 20 services (fleet20), 20 deployments started one by one in waves of 7, 8 and 5, 20 s apart; time scale $TimeScale."
    'Times are SIMULATED seconds after the watch began.'

    $oneEach = @($fleet | ForEach-Object { , @($_) })
    $tens = @(, @($fleet[0..9])) + @(, @($fleet[10..19]))
    $runs = @(
        Invoke-Ours 15
        Invoke-Ours 5
        if (-not $SkipWaiters) {
            Invoke-Waiters 'services-stable, one waiter per service, in a loop' $oneEach
            Invoke-Waiters 'services-stable --services (10 names), 2 side by side' $tens -SideBySide
        }
    )
    foreach ($run in $runs | Where-Object { $_.Rows.Count }) {
        ''
        "$($run.Name): calls per poll"
        $run.Rows | Format-Table -Property * -AutoSize | Out-String -Width 200 | ForEach-Object TrimEnd
    }
    ''
    $runs | ForEach-Object {
        [pscustomobject]@{
            Watch = $_.Name; 'done' = "$($_.Succeeded)/20"; Polls = $_.Polls; 'calls per poll' = $_.PerPoll; 'ECS calls' = $_.Calls
            'last COMPLETED at' = '{0:N0}' -f $_.LastCompletedAt; 'watch ended at' = '{0:N0}' -f $_.EndedAt
        }
    } | Format-Table -Property * -AutoSize | Out-String -Width 250 | ForEach-Object TrimEnd
    ''
    if (-not $SkipWaiters) {
        "In the loop each waiter starts when the one before it has finished, so its end includes 20 aws CLI starts at $TimeScale simulated s per wall second."
    }
    foreach ($run in $runs) {
        $cli = if ($run.MedianCallWall) { " Median aws CLI call: $('{0:N2}' -f $run.MedianCallWall) s wall = $('{0:N0}' -f ($run.MedianCallWall * $TimeScale)) simulated s." } else { '' }
        "$($run.Name): $($run.ByOperation).$cli"
    }
}
finally {
    if ($simulator) { Stop-TestSimulator $simulator }
}
