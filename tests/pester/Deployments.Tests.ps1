# The rolling-deployment cmdlets against the simulator's seed scenario (the article's service), as a
# user runs them from the installed module.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(3) }

    function Get-ServiceTaskDefinition {
        (Invoke-SimAws ecs describe-services --cluster myservice --services myservice-myapplication).services[0].taskDefinition
    }
}

Describe 'Start-EcsRollingDeployment | Wait-EcsSteadyState' {
    BeforeEach { Reset-Simulator }

    It 'deploys 2.0 and reports Succeeded with the article''s event sequence' {
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorVariable waitErrors

        $result.Status | Should -Be 'Succeeded'
        $waitErrors | Should -BeNullOrEmpty
        $result.Image | Should -Be "$($repo):2.0"
        $result.PreviousImage | Should -Be "$($repo):1.0"
        $result.TaskDefinitionArn | Should -Match 'myservice-myapplication-task:2$'
        $result.RunningCount | Should -Be 2
        $messages = @($result.Events.Message)
        $order = 'has started \d+ tasks', 'registered \d+ targets', 'has stopped \d+ running tasks', 'deregistered \d+ targets',
            'has begun draining connections', "\(deployment $([regex]::Escape($result.DeploymentId))\) deployment completed\.", 'has reached a steady state\.'
        $positions = foreach ($pattern in $order) {
            $index = [array]::FindIndex([string[]]$messages, [Predicate[string]] { param($m) $m -match $pattern })
            $index | Should -BeGreaterOrEqual 0 -Because "the events should contain '$pattern'"
            $index
        }
        ($positions | Sort-Object) -join ',' | Should -Be ($positions -join ',') -Because 'the events come in the article''s order'
        Get-ServiceTaskDefinition | Should -Be $result.TaskDefinitionArn
    }

    It 'reports 2.1 (crashing) as RolledBack with the exit code and stoppedReason, in the object and the error' {
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorVariable waitErrors -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'RolledBack'
        $result.FailedTasks.Count | Should -BeGreaterThan 0
        $result.FailedTasks[0].StoppedReason | Should -Match 'Essential container in task exited'
        ($result.FailedTasks.Containers.ExitCode | Where-Object { $_ -eq 1 }) | Should -Not -BeNullOrEmpty
        $result.RolledBackTo | Should -Not -BeNullOrEmpty
        $waitErrors.Count | Should -Be 1
        $waitErrors[0].FullyQualifiedErrorId | Should -BeLike 'EcsDeploymentRolledBack*'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $waitErrors[0].TargetObject.DeploymentId | Should -Be $result.DeploymentId
        $waitErrors[0].Exception.Message | Should -Match 'exit code 1'
        $waitErrors[0].Exception.Message | Should -Match 'Essential container in task exited'
    }

    It 'reports 2.2 (unhealthy) as RolledBack with the ELB reason' {
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.2" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorVariable waitErrors -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'RolledBack'
        $result.FailedTasks[0].StoppedReason | Should -Match 'ELB health checks'
        $waitErrors[0].Exception.Message | Should -Match 'ELB health checks'
    }

    It 'fails a missing tag with CannotPullContainerError under -FailFast, long before the circuit breaker' {
        # Slower simulated time, so a poll (250 ms) is 2.5 simulated seconds: ECS launches the
        # failing tasks in batches, and the verdict must come after the first, not the third.
        Set-SimTimeScale 10
        try {
            $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):9.9" -SkipImageCheck -WarningAction SilentlyContinue |
                Wait-EcsSteadyState @wait -FailFast -ErrorVariable waitErrors -ErrorAction SilentlyContinue
        }
        finally { Set-SimTimeScale 60 }

        $result.Status | Should -Be 'Failed'
        $result.StatusReason | Should -Match 'CannotPullContainerError'
        $result.CircuitBreaker.FailureCount | Should -BeLessThan $result.CircuitBreaker.Threshold
        $waitErrors[0].FullyQualifiedErrorId | Should -BeLike 'EcsDeploymentFailed*'
    }

    It 'does not call a rolled-back force-new-deployment a success' {
        # The service runs a mutable tag; the tag is moved to a crashing image, then the tasks are restarted.
        Invoke-SimAws ecr put-image --repository-name myapplication --image-tag latest --image-manifest (Get-SimManifest '1.0') | Out-Null
        Start-EcsRollingDeployment @target @aws -Image "$($repo):latest" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait |
            ForEach-Object Status | Should -Be 'Succeeded'
        Invoke-SimAws ecr put-image --repository-name myapplication --image-tag latest --image-manifest (Get-SimManifest '2.1') | Out-Null

        $result = Start-EcsRollingDeployment @target @aws -ForceNewDeployment -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.TaskDefinitionArn | Should -Be (Get-ServiceTaskDefinition) -Because 'the same task definition runs before and after: only the deployment id tells'
    }

    It '-RollbackOnFailure restores 1.0 after a failure' {
        Set-SimTimeScale 10
        try {
            $results = @(Start-EcsRollingDeployment @target @aws -Image "$($repo):9.9" -SkipImageCheck -WarningAction SilentlyContinue |
                Wait-EcsSteadyState @wait -FailFast -RollbackOnFailure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        }
        finally { Set-SimTimeScale 60 }

        $results.Count | Should -Be 2
        $results[0].Status | Should -Be 'Failed'
        $results[1].Kind | Should -Be 'Rollback'
        $results[1].Status | Should -Be 'Succeeded'
        Get-ServiceTaskDefinition | Should -Match 'myservice-myapplication-task:1$'
    }

    It 'Undo after success returns the service to 1.0' {
        $deployed = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait
        $deployed.Status | Should -Be 'Succeeded'

        $rollback = $deployed | Undo-EcsDeployment -Confirm:$false | Wait-EcsSteadyState @wait
        $rollback.Kind | Should -Be 'Rollback'
        $rollback.Status | Should -Be 'Succeeded'
        Get-ServiceTaskDefinition | Should -Match 'myservice-myapplication-task:1$'
    }

    Context 'guardrail errors change nothing' {
        It '<Name>' -TestCases @(
            @{ Name = 'unknown container'; Parameters = @{ Image = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0'; ContainerName = 'nope' }; ErrorId = 'ContainerNotFound' }
            @{ Name = 'malformed image'; Parameters = @{ Image = 'Not An Image' }; ErrorId = 'InvalidImageUri' }
            @{ Name = 'unknown service'; Parameters = @{ Image = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.0'; Service = 'nope' }; ErrorId = 'ServiceNotFound' }
            @{ Name = 'unknown task definition'; Parameters = @{ TaskDefinition = 'myservice-myapplication-task:99' }; ErrorId = 'TaskDefinitionNotFound' }
        ) {
            param($Name, $Parameters, $ErrorId)
            $before = Invoke-SimAws ecs list-task-definitions --family-prefix myservice-myapplication-task
            Reset-SimRequests
            $arguments = @{} + $aws + $target
            foreach ($key in $Parameters.Keys) { $arguments[$key] = $Parameters[$key] }
            $out = Start-EcsRollingDeployment @arguments -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $startErrors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
            $startErrors[0].CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
            Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
            (Invoke-SimAws ecs list-task-definitions --family-prefix myservice-myapplication-task).taskDefinitionArns | Should -Be $before.taskDefinitionArns
        }

        It 'refuses a second deployment while one is in progress, unless -Force' {
            Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Out-Null
            Reset-SimRequests
            Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $startErrors[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentInProgress*'
            Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
            Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
            (Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -Force -WarningAction SilentlyContinue).DeploymentId | Should -Not -BeNullOrEmpty
        }
    }

    It 'Get-EcsDeployment attaches to a deployment started elsewhere' {
        Invoke-SimAws ecs update-service --cluster myservice --service myservice-myapplication --force-new-deployment | Out-Null
        $result = Get-EcsDeployment @target @aws | Where-Object Status -EQ 'InProgress' | Wait-EcsSteadyState @wait
        $result.Status | Should -Be 'Succeeded'
    }

    Context 'a fleet shares its calls' {
        BeforeAll {
            # Time stands still while the fleet starts (in waves, so the deployments finish at different
            # polls), then runs 10x during the wait: a 1 s poll is 10 simulated seconds, and a gap of 5
            # simulated seconds between two calls separates polls.
            $script:fleetWait = @{ PollInterval = [TimeSpan]::FromSeconds(1); Timeout = [TimeSpan]::FromMinutes(3) }
            $script:pollGap = 5

            function Start-Wave([object[]] $Services, [double] $ThenAdvance) {
                foreach ($s in $Services) {
                    $parameters = @{} + $aws
                    $parameters.Region = $s.Region
                    Start-EcsRollingDeployment @parameters -Cluster $s.Cluster -Service $s.Service -WarningAction SilentlyContinue `
                        -Image "123456789012.dkr.ecr.$($s.Region).amazonaws.com/myapplication:2.0"
                }
                if ($ThenAdvance) { Step-SimClock $ThenAdvance }
            }

            . (Join-Path $PSScriptRoot 'FleetAssertions.ps1')
        }
        AfterEach { Set-SimTimeScale 60 }

        It '20 deployments started one by one, piped into one wait: exactly ceil(pending/10) DescribeServices and at most ceil(pending/20) DescribeServiceDeployments per poll' {
            Reset-Simulator -Scenario 'fleet20'
            Set-SimTimeScale 0
            $fleet = 1..20 | ForEach-Object { [pscustomobject]@{ Region = 'eu-west-2'; Cluster = 'myservice'; Service = 'fleet-{0:00}' -f $_ } }
            $started = @(
                Start-Wave $fleet[0..6] -ThenAdvance 20
                Start-Wave $fleet[7..14] -ThenAdvance 20
                Start-Wave $fleet[15..19]
            )
            $started.Count | Should -Be 20
            Reset-SimRequests
            Set-SimTimeScale 10
            $results = @($started | Wait-EcsSteadyState @fleetWait)

            $results.Count | Should -Be 20
            $results.Status | Sort-Object -Unique | Should -Be 'Succeeded'
            $polls = Group-SimPolls (Get-SimRequestLog) $pollGap
            $first = $polls[0].Calls
            $firstDs = @($first | Where-Object operation -EQ 'DescribeServices')
            $firstDs.Count | Should -Be 2
            ($firstDs.itemCount -join ',') | Should -Be '10,10'
            @($firstDs.items | Sort-Object -Unique).Count | Should -Be 20
            $firstDsd = @($first | Where-Object operation -EQ 'DescribeServiceDeployments')
            $firstDsd.Count | Should -BeIn 0, 1
            if ($firstDsd.Count) { $firstDsd[0].itemCount | Should -Be 20 }

            $pendingPerPoll = Assert-FleetPolls $polls $started
            # The waves finish at different polls, so the batches shrink: 20 (2 calls), 13 (2), 5 (1).
            ($pendingPerPoll | Select-Object -Unique) -join ',' | Should -Be '20,13,5'
        }

        It 'a fleet over 2 regions and 2 clusters each batches per region and cluster, and each region is asked its own' {
            Reset-Simulator -Scenario 'fleet2x2'
            Set-SimTimeScale 0
            $all = foreach ($region in 'eu-west-2', 'us-east-1') { foreach ($cluster in 'web', 'jobs') { 1..5 | ForEach-Object { [pscustomobject]@{ Region = $region; Cluster = $cluster; Service = "$cluster-{0:00}" -f $_ } } } }
            $late = @($all | Where-Object { $_.Region -eq 'us-east-1' -and $_.Cluster -eq 'jobs' })
            $started = @(
                Start-Wave @($all | Where-Object { $_ -notin $late }) -ThenAdvance 20
                Start-Wave $late
            )
            $started.Count | Should -Be 20
            @($started | Where-Object Region -EQ 'us-east-1').Count | Should -Be 10
            Reset-SimRequests
            Set-SimTimeScale 10
            # No -Region here: each deployment's own connection says where it is.
            $results = @($started | Wait-EcsSteadyState @fleetWait)

            $results.Count | Should -Be 20
            $results.Status | Sort-Object -Unique | Should -Be 'Succeeded'
            $polls = Group-SimPolls (Get-SimRequestLog) $pollGap
            $first = $polls[0].Calls
            $firstDs = @($first | Where-Object operation -EQ 'DescribeServices')
            (@($firstDs | ForEach-Object { "$($_.region)/$($_.cluster):$($_.itemCount)" } | Sort-Object) -join ' ') |
                Should -Be 'eu-west-2/jobs:5 eu-west-2/web:5 us-east-1/jobs:5 us-east-1/web:5'
            $firstDsd = @($first | Where-Object operation -EQ 'DescribeServiceDeployments')
            $firstDsd.Count | Should -BeIn 0, 2
            if ($firstDsd.Count) { (@($firstDsd | ForEach-Object { "$($_.region):$($_.itemCount)" } | Sort-Object) -join ' ') | Should -Be 'eu-west-2:10 us-east-1:10' }

            $pendingPerPoll = Assert-FleetPolls $polls $started
            ($pendingPerPoll | Select-Object -Unique) -join ',' | Should -Be '20,5'
            $lastDs = @($polls[-1].Calls | Where-Object operation -EQ 'DescribeServices')
            (@($lastDs | ForEach-Object { "$($_.region)/$($_.cluster):$($_.itemCount)" }) -join ' ') | Should -Be 'us-east-1/jobs:5'
        }
    }

    Context 'an invocation ends its sessions' {
        BeforeAll {
            # A session left undisposed keeps its connection open until its HTTP pool's idle timeout
            # (a minute) or until a garbage collection finalizes its sockets, which in a busy test
            # process comes within seconds. So the invocation runs inside a no-GC region: whatever
            # closes its connections then is its own Dispose. Closing is the client's FIN reaching the
            # simulator: bounded, not timed.
            function Measure-AwsConnectionsLeftOpen([scriptblock] $Invocation) {
                $entered = $false
                foreach ($budget in 512MB, 256MB, 128MB) {
                    try { $entered = [GC]::TryStartNoGCRegion($budget) } catch [ArgumentOutOfRangeException] { continue }
                    if ($entered) { break }
                }
                if (-not $entered) { throw 'Could not enter a no-GC region.' }
                try {
                    . $Invocation
                    $deadline = [Diagnostics.Stopwatch]::StartNew()
                    while ((Get-SimAwsConnections) -ne 0 -and $deadline.Elapsed.TotalSeconds -lt 5) { Start-Sleep -Milliseconds 50 }
                    $open = Get-SimAwsConnections
                    if ([Runtime.GCSettings]::LatencyMode -ne 'NoGCRegion') {
                        throw 'A garbage collection ran during the measurement (it closes leaked connections too): the measurement is void.'
                    }
                    $open
                }
                finally {
                    if ([Runtime.GCSettings]::LatencyMode -eq 'NoGCRegion') { [GC]::EndNoGCRegion() }
                }
            }
        }

        It 'when it ends: no connection of Start-EcsRollingDeployment or Wait-EcsSteadyState stays open' {
            Reset-SimRequests
            $script:openWhileStarting = 0
            $left = Measure-AwsConnectionsLeftOpen {
                $script:result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
                    ForEach-Object { $script:openWhileStarting = Get-SimAwsConnections; $_ } | Wait-EcsSteadyState @wait
            }
            $script:result.Status | Should -Be 'Succeeded'
            $script:openWhileStarting | Should -Be 1 -Because 'the start''s one session is open while its output is processed downstream'
            $left | Should -Be 0
        }

        It 'when a verdict error stops it (-ErrorAction Stop)' {
            Reset-SimRequests
            $left = Measure-AwsConnectionsLeftOpen {
                $script:thrown = $null
                try { $null = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait -ErrorAction Stop }
                catch { $script:thrown = $_ }
            }
            $script:thrown.FullyQualifiedErrorId | Should -BeLike 'EcsDeploymentRolledBack*'
            $left | Should -Be 0
        }

        It 'when it is stopped (Ctrl+C)' {
            $deployment = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
            Set-SimTimeScale 0   # the deployment stays in progress: the wait ends only by Stop()
            try {
                Reset-SimRequests
                $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
                $iss.ImportPSModule((Join-Path (Get-Module EcsBlueGreen).ModuleBase 'EcsBlueGreen.psd1'))
                $ps = [powershell]::Create($iss)
                $null = $ps.AddCommand('Wait-EcsSteadyState').AddParameter('Deployment', $deployment).AddParameter('PollInterval', [TimeSpan]::FromMilliseconds(100))
                $left = Measure-AwsConnectionsLeftOpen {
                    $handle = $ps.BeginInvoke()
                    $deadline = [Diagnostics.Stopwatch]::StartNew()
                    while ((Get-SimRequestCount 'ECS.DescribeServices') -lt 2 -and $deadline.Elapsed.TotalSeconds -lt 20) { Start-Sleep -Milliseconds 50 }
                    $script:openWhileWaiting = Get-SimAwsConnections
                    $ps.Stop()
                    $script:completed = $handle.IsCompleted
                }
                $script:openWhileWaiting | Should -Be 1 -Because 'the wait polls through its one session'
                $script:completed | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $left | Should -Be 0
                $ps.Dispose()
            }
            finally { Set-SimTimeScale 60 }
        }
    }

    It 'gives the same verdicts when the service-deployments API is denied' {
        Set-SimServiceDeploymentsApi -Enabled $false
        Reset-SimRequests
        try {
            $ok = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait
            $ok.Status | Should -Be 'Succeeded'
            Get-SimRequestCount 'ECS.DescribeServiceDeployments' | Should -BeGreaterThan 0 -Because 'the wait tried the API and fell back'
            $bad = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait -ErrorAction SilentlyContinue
            $bad.Status | Should -Be 'RolledBack'
        }
        finally {
            Set-SimServiceDeploymentsApi -Enabled $true
        }
    }
    It 'after a circuit-breaker rollback, waiting on the service reports the restored deployment Succeeded' {
        $broken = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait -ErrorAction SilentlyContinue
        $broken.Status | Should -Be 'RolledBack'
        $restored = Wait-EcsSteadyState @target @aws @wait -ErrorVariable waitErrors
        $restored.Status | Should -Be 'Succeeded'
        $waitErrors | Should -BeNullOrEmpty
        # Once ECS is done, the service's current service deployment still is the failed one's: the
        # restored deployment must not inherit its ROLLBACK_SUCCESSFUL.
        $again = Wait-EcsSteadyState @target @aws @wait -ErrorVariable againErrors
        $again.Status | Should -Be 'Succeeded'
        $againErrors | Should -BeNullOrEmpty
        Get-ServiceTaskDefinition | Should -Match 'myservice-myapplication-task:1$'
    }

    It 'Get-EcsDeployment piped to Wait-EcsSteadyState in mid-rollout writes no error for the deployment being replaced' {
        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Out-Null
        $listed = @(Get-EcsDeployment @target @aws)
        $listed.Count | Should -Be 2 -Because 'the new deployment and the one it replaces are both listed mid-rollout'
        $results = @($listed | Wait-EcsSteadyState @wait -ErrorVariable waitErrors)
        $waitErrors | Should -BeNullOrEmpty
        $results.Status | Should -Not -Contain 'Stopped'
        $results[0].Status | Should -Be 'Succeeded'
    }

    It 'Wait-EcsSteadyState -RollbackOnFailure -WhatIf starts no rollback' {
        Set-SimTimeScale 10
        try {
            $deployment = Start-EcsRollingDeployment @target @aws -Image "$($repo):9.9" -SkipImageCheck -WarningAction SilentlyContinue
            Reset-SimRequests
            $results = @($deployment | Wait-EcsSteadyState @wait -FailFast -RollbackOnFailure -WhatIf -ErrorAction SilentlyContinue)
        }
        finally { Set-SimTimeScale 60 }
        $results.Count | Should -Be 1
        $results[0].Status | Should -Be 'Failed'
        Get-SimRequestCount 'ECS.StopServiceDeployment' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
    }

    It 'refuses a SecureString in -Environment and writes nothing' {
        Reset-SimRequests
        $secret = ConvertTo-SecureString 'not-for-plain-env' -AsPlainText -Force
        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -Environment @{ API_TOKEN = $secret } -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $startErrors[0].FullyQualifiedErrorId | Should -BeLike 'SecretInEnvironment*'
        $startErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
    }
}
