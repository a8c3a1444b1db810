# 100 services in 3 clusters and 2 regions (the simulator's fleet100 scenario) in one
# Wait-EcsSteadyState: every verdict right, the calls of every poll exactly as batched, never over ECS's
# documented rate limits, no history kept per poll; then the same under the fault matrix, with exactly
# one new task-definition revision and one new deployment per service.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'FleetAssertions.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters

    # fleet100: in each region, web-01..25, jobs-01..15, api-01..10.
    $script:fleet = foreach ($region in 'eu-west-2', 'us-east-1') {
        foreach ($cluster in @{ Name = 'web'; Size = 25 }, @{ Name = 'jobs'; Size = 15 }, @{ Name = 'api'; Size = 10 }) {
            1..$cluster.Size | ForEach-Object { [pscustomobject]@{ Region = $region; Cluster = $cluster.Name; Service = '{0}-{1:00}' -f $cluster.Name, $_ } }
        }
    }
    # A few get 2.1, whose container exits: ECS's circuit breaker rolls them back. The rest get 2.0.
    $script:crashing = @('eu-west-2/web/web-07', 'eu-west-2/jobs/jobs-03', 'eu-west-2/api/api-05', 'us-east-1/web/web-19', 'us-east-1/jobs/jobs-11')
    function Get-Expected($s) { if ((Get-FleetKey $s.Region $s.Cluster $s.Service) -in $crashing) { 'RolledBack' } else { 'Succeeded' } }

    # Time runs 5x during the wait: a 2 s poll is 10 simulated seconds, and a gap of 5 simulated
    # seconds between two calls separates polls.
    $script:fleetWait = @{ PollInterval = [TimeSpan]::FromSeconds(2); Timeout = [TimeSpan]::FromMinutes(5); InformationAction = 'Ignore'; ProgressAction = 'SilentlyContinue' }
    $script:pollGap = 5
    $script:timeScale = 5

    # 100 separate Start-EcsRollingDeployment calls, 10 at a time, in the order of $fleet.
    function Start-Fleet {
        $awsParameters = $aws
        $crashingKeys = $crashing
        @($fleet | ForEach-Object -ThrottleLimit 10 -Parallel {
                $s = $_
                $parameters = @{} + $using:awsParameters
                $parameters.Region = $s.Region
                $tag = if ("$($s.Region)/$($s.Cluster)/$($s.Service)" -in $using:crashingKeys) { '2.1' } else { '2.0' }
                Start-EcsRollingDeployment @parameters -Cluster $s.Cluster -Service $s.Service -WarningAction SilentlyContinue -InformationAction Ignore `
                    -Image "123456789012.dkr.ecr.$($s.Region).amazonaws.com/myapplication:$tag"
            })
    }

    function Set-SimRateLimits([bool] $Enabled) {
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/rate-limits?enabled=$($Enabled.ToString().ToLowerInvariant())" | Out-Null
    }
    function Set-SimFaults([hashtable] $Faults) {
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/faults" -ContentType 'application/json' -Body ($Faults | ConvertTo-Json -Depth 5 -Compress) | Out-Null
    }

    function Assert-Verdicts([object[]] $Results, [object[]] $Started) {
        $Results.Count | Should -Be 100
        $byKey = @{}
        foreach ($r in $Results) { $byKey[(Get-FleetKey $r.Region $r.Cluster $r.Service)] = $r }
        $byKey.Count | Should -Be 100 -Because 'each deployment has one verdict'
        foreach ($d in $Started) {
            $key = Get-FleetKey $d.Region $d.Cluster $d.Service
            $r = $byKey[$key]
            $r.DeploymentId | Should -Be $d.DeploymentId -Because "$key is judged by its own deployment id"
            $r.Status | Should -Be (Get-Expected $d) -Because "$key ran $(if ((Get-Expected $d) -eq 'RolledBack') { '2.1' } else { '2.0' })"
        }
        @($Results | Where-Object Status -EQ 'RolledBack').Count | Should -Be $crashing.Count
        foreach ($r in $Results | Where-Object Status -EQ 'RolledBack') {
            $r.Verdict.Cause | Should -Be 'CircuitBreaker'
            $r.RolledBackTo | Should -Not -BeNullOrEmpty -Because "$($r.Region)/$($r.Service) was rolled back to its COMPLETED deployment"
        }
    }
}

Describe 'Wait-EcsSteadyState on 100 services in 3 clusters and 2 regions' {
    AfterEach {
        Set-SimRateLimits $false
        Set-SimFaults @{}
        Set-SimTimeScale 60
        Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
    }

    It 'one wait: every verdict right, ceil(services/10) DescribeServices per region and cluster and ceil(deployments/20) DescribeServiceDeployments per region each poll, never over the rate limits, no history kept per poll' {
        Reset-Simulator -Scenario 'fleet100'
        Set-SimTimeScale 0
        $started = @(Start-Fleet)
        $started.Count | Should -Be 100

        Reset-SimRequests
        Set-SimRateLimits $true
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $heapBefore = [GC]::GetTotalMemory($true)
        Set-SimTimeScale $timeScale
        $results = @($started | Wait-EcsSteadyState @fleetWait -ErrorAction SilentlyContinue -ErrorVariable waitErrors)
        Set-SimRateLimits $false
        $heapAfter = [GC]::GetTotalMemory($true)

        Assert-Verdicts $results $started
        $waitErrors.Count | Should -Be $crashing.Count -Because 'each rolled-back deployment is one error, nothing else is'

        # ECS's limits held: with them enforced, not one call of the wait was throttled.
        $log = @(Get-SimRequestLog)
        @($log | Where-Object status -NE 200 | ForEach-Object { "$($_.operation) $($_.status)" }) | Should -BeNullOrEmpty

        $polls = @(Group-SimPolls $log $pollGap)
        $first = $polls[0].Calls
        (@($first | Where-Object operation -EQ 'DescribeServices' | Group-Object { "$($_.region)/$($_.cluster)" } | Sort-Object Name |
                ForEach-Object { "$($_.Name):$((@($_.Group.itemCount) | Sort-Object -Descending) -join '+')" }) -join ' ') |
            Should -Be 'eu-west-2/api:10 eu-west-2/jobs:10+5 eu-west-2/web:10+10+5 us-east-1/api:10 us-east-1/jobs:10+5 us-east-1/web:10+10+5'
        $firstDsd = @($first | Where-Object operation -EQ 'DescribeServiceDeployments')
        if ($firstDsd.Count) {
            (@($firstDsd | Group-Object region | Sort-Object Name | ForEach-Object { "$($_.Name):$((@($_.Group.itemCount) | Sort-Object -Descending) -join '+')" }) -join ' ') |
                Should -Be 'eu-west-2:20+20+10 us-east-1:20+20+10'
        }
        $pendingPerPoll = @(Assert-FleetPolls $polls $started)
        $pendingPerPoll[0] | Should -Be 100
        ($pendingPerPoll | Select-Object -Unique) -join ',' | Should -Be "100,$(100 - $crashing.Count)" -Because 'the crashing ones are rolled back first, the rest complete together'

        # Nothing is kept per poll: each deployment carries its service's events once each, however
        # many polls saw them, and only its own service's.
        foreach ($r in $results) {
            $keys = @($r.Events | ForEach-Object { "$($_.CreatedAt.ToUnixTimeMilliseconds())|$($_.Message)" })
            @($keys | Sort-Object -Unique).Count | Should -Be $keys.Count -Because "$($r.Region)/$($r.Service) keeps each event once"
            @($r.Events | Where-Object { $_.Message -notmatch "\(service $([regex]::Escape($r.Service))[,)]" }).Count | Should -Be 0
        }
        @($results | Where-Object Status -EQ 'Succeeded' | ForEach-Object { $_.Events.Count } | Sort-Object -Unique).Count | Should -Be 1 -Because 'every healthy rollout has the same events, once'
        # And the wait's heap, its 100 results included, stays small (a bound, not a speed).
        ($heapAfter - $heapBefore) / 1MB | Should -BeLessThan 64
    }

    It 'the same under 20 % throttling, 5 % 5xx, 2 % drops and 300 ms latency: every verdict right, exactly one new revision and one new deployment per service' {
        Reset-Simulator -Scenario 'fleet100'
        Set-SimTimeScale 0
        # On the writes, every 5xx and drop comes after the call ran (AWS may answer either way): a
        # revision registered or a deployment started that the client saw fail, and must not repeat.
        $matrix = @{ throttle = 0.2; '5xx' = 0.05; drop = 0.02; latencyMs = 300 }
        $afterEffect = $matrix + @{ takenEffect = 1.0 }
        Set-SimFaults ($matrix + @{ operations = @{ 'ECS.RegisterTaskDefinition' = $afterEffect; 'ECS.UpdateService' = $afterEffect } })
        # A CI job on a flaky network raises the attempts as AWS's own tools allow (default 3: at 27 %
        # failed attempts, one call in ~50 would exhaust them).
        $env:AWS_MAX_ATTEMPTS = '10'
        $started = @(Start-Fleet)
        $started.Count | Should -Be 100

        # A poll pays 300 ms a call here, so time runs faster: the verdicts, not the polls, are checked.
        Set-SimTimeScale ($timeScale * 2)
        $results = @($started | Wait-EcsSteadyState @fleetWait -ErrorAction SilentlyContinue)
        Set-SimFaults @{}

        Assert-Verdicts $results $started
        $log = @(Get-SimRequestLog)
        $lateRegisters = @($log | Where-Object { $_.operation -eq 'RegisterTaskDefinition' -and ($null -eq $_.status -or $_.status -ge 500) })
        $lateRegisters.Count | Should -BeGreaterThan 0 -Because 'some registrations took effect while the client saw a 5xx or no answer'

        # Exactly one new revision per family: revision 2, the one the deployment runs.
        foreach ($region in 'eu-west-2', 'us-east-1') {
            $arns = @(Invoke-SimAws ecs list-task-definitions --region $region | ForEach-Object { $_.taskDefinitionArns })
            $expected = @($fleet | Where-Object Region -EQ $region | ForEach-Object { "arn:aws:ecs:${region}:123456789012:task-definition/$($_.Service)-task:1"; "arn:aws:ecs:${region}:123456789012:task-definition/$($_.Service)-task:2" })
            (@($arns | Sort-Object) -join ' ') | Should -Be (@($expected | Sort-Object) -join ' ')
        }
        foreach ($r in $results) { $r.TaskDefinitionArn | Should -BeLike "*:task-definition/$($r.Service)-task:2" }

        # Exactly one new deployment per service: no second UpdateService replaced the first.
        $verdicts = @(Get-SimVerdicts)
        foreach ($d in $started) {
            $ours = @($verdicts | Where-Object { $_.region -eq $d.Region -and $_.cluster -eq $d.Cluster -and $_.service -eq $d.Service -and $_.taskDefinition -notlike '*-task:1' })
            @($ours.deploymentId | Sort-Object -Unique) | Should -Be $d.DeploymentId -Because "$($d.Region)/$($d.Service) had one new deployment"
        }
    }
}
