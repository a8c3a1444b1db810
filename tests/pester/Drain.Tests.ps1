# The drain of the replaced tasks and the cost of the deployment's window, against the simulator's
# seed (deregistration delay 30 s, health check 10 s x 2, 2 Fargate tasks of 0.25 vCPU / 0.5 GB in
# eu-west-2). Every expected number comes from the simulator's own task timestamps and events.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(100); Timeout = [TimeSpan]::FromMinutes(3) }

    # The CLI prints epoch seconds; read them as the module does (to the millisecond, rounded).
    function ConvertFrom-Epoch($Seconds) { [DateTimeOffset]::FromUnixTimeMilliseconds([long][Math]::Round([double]$Seconds * 1000)) }

    function Get-CurrentDeploymentId { (Get-EcsDeployment @target @aws | Select-Object -First 1).DeploymentId }

    # Every task of the service, running and stopped, in three CLI calls (the CLI is the slow part).
    function Get-ServiceTasks {
        $arns = @(foreach ($status in 'RUNNING', 'STOPPED') {
            (Invoke-SimAws ecs list-tasks --cluster myservice --service-name myservice-myapplication --desired-status $status).taskArns
        }) | Where-Object { $_ }
        @((Invoke-SimAws ecs describe-tasks --cluster myservice --tasks @arns).tasks)
    }

    # The task ids of a deployment's "has started N tasks: (task ...)" events.
    function Get-StartedTaskIds($Deployment) {
        @($Deployment.Events | Where-Object Message -Match 'has started \d+ tasks' | ForEach-Object { [regex]::Matches($_.Message, '\(task ([0-9a-f]{32})\)') | ForEach-Object { $_.Groups[1].Value } } | Sort-Object)
    }

    # Extra task-seconds by counting, second by second, the tasks alive above the desired count: an
    # independent hand computation (the simulator's timestamps fall on whole seconds, give or take
    # the millisecond its epoch numbers are truncated to).
    function Measure-ExtraTaskSeconds($NewTasks, $OldTasks, [int] $Desired) {
        $spans = @($NewTasks | ForEach-Object { [pscustomobject]@{ Start = ConvertFrom-Epoch $_.pullStartedAt; Stop = if ($_.stoppedAt) { ConvertFrom-Epoch $_.stoppedAt } else { [datetimeoffset]::MaxValue } } }) +
                 @($OldTasks | ForEach-Object { [pscustomobject]@{ Start = ConvertFrom-Epoch $_.pullStartedAt; Stop = ConvertFrom-Epoch $_.stoppedAt } })
        $from = ($spans[0..($NewTasks.Count - 1)] | ForEach-Object Start | Sort-Object | Select-Object -First 1)
        $to = ($OldTasks | ForEach-Object { ConvertFrom-Epoch $_.stoppedAt } | Sort-Object | Select-Object -Last 1)
        $extra = 0
        for ($t = $from; $t -lt $to; $t = $t.AddSeconds(1)) {
            $alive = @($spans | Where-Object { $_.Start -le $t -and $_.Stop -gt $t }).Count
            $extra += [Math]::Max(0, $alive - $Desired)
        }
        [pscustomobject]@{ From = $from; To = $to; Extra = $extra }
    }
}

Describe 'The drain phase' {
    BeforeEach { Reset-Simulator }

    It 'shows the group''s delay and the draining targets, from the deregistration event until the targets are gone' {
        $oldId = Get-CurrentDeploymentId
        $oldTasks = @(Get-ServiceTasks | Where-Object startedBy -EQ $oldId)
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -InformationVariable info

        $result.Status | Should -Be 'Succeeded'
        $drain = $result.Drain
        $drain.DeregistrationDelay | Should -Be ([TimeSpan]::FromSeconds(30))
        $deregistered = @($result.Events | Where-Object Message -Match 'deregistered 2 targets')
        $deregistered.Count | Should -Be 1
        $drain.Start | Should -Be $deregistered[0].CreatedAt
        $completed = @($result.Events | Where-Object Message -Match 'deployment completed')[0].CreatedAt
        $drain.End | Should -Be $completed
        $drain.Duration | Should -Be ($completed - $drain.Start)
        # The old targets leave draining after the 30 s delay; the scheduler sees it at the next step.
        [Math]::Round($drain.Duration.TotalSeconds) | Should -Be 31
        $group = @($drain.TargetGroups)
        $group.Count | Should -Be 1
        $group[0].DeregistrationDelay | Should -Be ([TimeSpan]::FromSeconds(30))
        $expectedTargets = @($oldTasks | ForEach-Object { "$(($_.attachments[0].details | Where-Object name -EQ 'privateIPv4Address').value):8080" } | Sort-Object)
        @($group[0].DrainingTargets) | Should -Be $expectedTargets
        $expectedTargets | Should -Contain $drain.LongestDrainingTarget.ToString()
        $drain.Holdup | Should -BeNullOrEmpty
        @($drain.KilledAfterStopTimeout).Count | Should -Be 0
        @($info | Where-Object { "$_" -match 'Draining 2 targets in \(target-group .+\); deregistration delay 30 s' }).Count | Should -Be 1
        @($info | Where-Object { "$_" -match 'Drain over' }).Count | Should -Be 1
    }

    It 'reports the old tasks of a SIGTERM-ignoring image as killed with exit 137 after stopTimeout' {
        $first = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -Environment @{ SIM_IGNORE_SIGTERM = 'true' } -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait
        $first.Status | Should -Be 'Succeeded'
        @($first.Drain.KilledAfterStopTimeout).Count | Should -Be 0 -Because 'the seed''s own tasks stop on SIGTERM'

        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):1.0" -Environment @{ SIM_IGNORE_SIGTERM = $null } -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -WarningVariable warnings
        $result.Status | Should -Be 'Succeeded'
        $killed = @($result.Drain.KilledAfterStopTimeout)
        $killed.Count | Should -Be 2
        $killed | ForEach-Object { $_.ExitCode | Should -Be 137; $_.StopTimeout | Should -Be ([TimeSpan]::FromSeconds(30)) }
        $expectedIds = Get-StartedTaskIds $first
        $expectedIds.Count | Should -Be 2
        @($killed.TaskId) | Should -Be $expectedIds
        @($warnings | Where-Object { "$_" -match 'did not stop within stopTimeout of 30 s after SIGTERM and was killed \(exit code 137\)' }).Count | Should -Be 2
    }

    It 'names the scale-in-protected task that holds a deployment' {
        $oldId = Get-CurrentDeploymentId
        $held = (Invoke-SimAws ecs list-tasks --cluster myservice --started-by $oldId).taskArns[0]
        Invoke-SimAws ecs update-task-protection --cluster myservice --tasks $held --protection-enabled --expires-in-minutes 60 | Out-Null

        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState -PollInterval ([TimeSpan]::FromMilliseconds(100)) -Timeout ([TimeSpan]::FromSeconds(4)) -WarningVariable warnings -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'TimedOut'
        $result.Drain.Holdup.Cause | Should -Be 'TaskProtection'
        @($result.Drain.Holdup.Evidence) | Should -Be @($held.Split('/')[-1])
        @($warnings | Where-Object { "$_" -match "scale-in protection holds the deployment \(task $($held.Split('/')[-1])\)" }).Count | Should -Be 1
    }

    It 'calls out the scale-in-protected task live, on AWS''s clock, before the verdict' {
        # The simulator runs 60 simulated seconds a wall second and dates its answers on that clock, as
        # AWS does on its own: the call-out must come once the drain is past 30 s delay + 30 s
        # stopTimeout + 60 s on that clock, long before the wall-clock timeout ends the wait.
        $oldId = Get-CurrentDeploymentId
        $held = (Invoke-SimAws ecs list-tasks --cluster myservice --started-by $oldId).taskArns[0]
        $heldId = $held.Split('/')[-1]
        Invoke-SimAws ecs update-task-protection --cluster myservice --tasks $held --protection-enabled --expires-in-minutes 60 | Out-Null

        $records = @(Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState -PollInterval ([TimeSpan]::FromMilliseconds(100)) -Timeout ([TimeSpan]::FromSeconds(10)) -WarningVariable warnings -ErrorAction SilentlyContinue 3>&1)

        $expected = "myservice/myservice-myapplication: the drain runs past deregistration delay + stopTimeout + 60 s. " +
            "1 old task with scale-in protection holds the deployment (task $heldId): ECS does not stop a protected task; lift it (UpdateTaskProtection -ProtectionEnabled false) or let it expire."
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeExactly $expected
        $warningAt = [Array]::FindIndex([object[]]$records, [Predicate[object]] { param($r) $r -is [System.Management.Automation.WarningRecord] -and "$r" -eq $expected })
        $resultAt = [Array]::FindIndex([object[]]$records, [Predicate[object]] { param($r) $r -isnot [System.Management.Automation.WarningRecord] })
        $warningAt | Should -BeGreaterOrEqual 0
        $resultAt | Should -Be ($records.Count - 1) -Because 'the verdict is the last thing the wait writes'
        $warningAt | Should -BeLessThan $resultAt
        $result = $records[$resultAt]
        $result.Status | Should -Be 'TimedOut'
        $result.Drain.Holdup.Cause | Should -Be 'TaskProtection'
        @($result.Drain.Holdup.Evidence) | Should -Be @($heldId)
        # One call-out for the whole wait: the protection is read once, when the drain runs past its allowance.
        Get-SimRequestCount 'ECS.GetTaskProtection' | Should -Be 1
    }
}

Describe 'Pre-flight drain warnings' {
    BeforeEach { Reset-Simulator }

    It 'warns about a long deregistration delay and the default stopTimeout under -WhatIf, and writes nothing' {
        $group = (Invoke-SimAws elbv2 describe-target-groups).TargetGroups[0]
        Invoke-SimAws elbv2 modify-target-group-attributes --target-group-arn $group.TargetGroupArn --attributes 'Key=deregistration_delay.timeout_seconds,Value=300' | Out-Null
        Reset-SimRequests

        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue

        @($warnings | Where-Object { "$_" -eq "Target group $($group.TargetGroupName) has a deregistration delay of 300 s while its targets become healthy in 20 s (health check every 10 s x 2): every deployment adds up to 300 s of draining, 600 extra task-seconds for 2 tasks. If the application's requests are short, lower deregistration_delay.timeout_seconds (e.g. to 30 s)." }).Count | Should -Be 1
        @($warnings | Where-Object { "$_" -match "^Container myapplication leaves stopTimeout at its 30 s default while target group $($group.TargetGroupName) drains for 300 s" }).Count | Should -Be 1
        Get-SimRequestCount 'ELBv2.DescribeTargetGroupAttributes' | Should -Be 1
        Get-SimRequestCount 'ELBv2.ModifyTargetGroupAttributes' | Should -Be 0
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
    }

    It 'says nothing of the drain for the seed''s 30 s delay' {
        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object { "$_" -match 'deregistration delay|stopTimeout|health checks' }).Count | Should -Be 0
        Get-SimRequestCount 'ELBv2.DescribeTargetGroupAttributes' | Should -Be 1 -Because 'the check ran and found nothing to say'
    }
}

Describe 'The cost window' {
    BeforeEach { Reset-Simulator }

    It 'matches a hand computation from the task timestamps, priced from the shipped eu-west-2 Fargate x86 rates' {
        $oldId = Get-CurrentDeploymentId
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait
        $result.Status | Should -Be 'Succeeded'

        $tasks = Get-ServiceTasks
        $hand = Measure-ExtraTaskSeconds @($tasks | Where-Object startedBy -EQ $result.DeploymentId) @($tasks | Where-Object startedBy -EQ $oldId) 2
        $window = $result.Window
        $window.Start | Should -Be $hand.From
        $window.End | Should -Be $hand.To
        [Math]::Abs($window.ExtraTaskSeconds - $hand.Extra) | Should -BeLessOrEqual (0.01 * $hand.Extra)
        ($window.StartingTaskSeconds + $window.HealthyOverlapTaskSeconds + $window.DrainingTaskSeconds) | Should -Be $window.ExtraTaskSeconds
        # Seed timings: new tasks pull from 5 s, are registered at 15 s and healthy after checks at 25 s
        # and 35 s; the old ones then drain 30 s (+1 s step), stop in 5 s and deprovision in 10 s,
        # gone at 81 s: 2 extra tasks for 76 s.
        [Math]::Round($window.ExtraTaskSeconds) | Should -Be $hand.Extra
        $hand.Extra | Should -Be 152
        $cost = $window.EstimatedCost
        $cost.Currency | Should -Be 'USD'
        $cost.CapacityProvider | Should -Be 'FARGATE'
        $cost.CpuArchitecture | Should -Be 'x86_64'
        $cost.VcpuHourRate | Should -Be 0.04656
        $cost.GbHourRate | Should -Be 0.00511
        $perHour = 0.25 * 0.04656 + 0.5 * 0.00511
        [Math]::Abs([double]$cost.Amount - $hand.Extra * $perHour / 3600) | Should -BeLessOrEqual (0.01 * $hand.Extra * $perHour / 3600)
        $cost.Amount | Should -Be ([decimal][Math]::Round([decimal]$window.ExtraTaskSeconds * [decimal]$perHour / 3600, 6))
        $cost.Source | Should -Match 'aws.amazon.com/fargate/pricing'
        $cost.Source | Should -BeLike '*; this rate: unverified snapshot, not checked against AWS''s page' -Because 'only us-east-1 on-demand was checked against the page'
        $cost.PriceDate | Should -Be '2026-12-04'
    }

    It 'prices with -Pricing rates and refuses a malformed -Pricing before any call' {
        $d = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $result = $d | Wait-EcsSteadyState @wait -Pricing @{ VcpuHour = 1; GbHour = 0; Currency = 'EUR'; Source = 'contract' }
        $result.Window.EstimatedCost.Currency | Should -Be 'EUR'
        $result.Window.EstimatedCost.Source | Should -Be 'contract'
        $result.Window.EstimatedCost.Amount | Should -Be ([decimal][Math]::Round(0.25 * $result.Window.ExtraTaskSeconds / 3600, 6))
        $d.Window | Should -BeNullOrEmpty -Because 'the object piped in is never changed'

        Reset-SimRequests
        { $d | Wait-EcsSteadyState @wait -Pricing @{ VcpuHour = 'lots' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPricing*'
        Get-SimRequestCount 'ECS.DescribeServices' | Should -Be 0
    }

    It 'shows the window and cost of recent deployments in Get-EcsDeployment -History' {
        $first = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait
        $second = Start-EcsRollingDeployment @target @aws -Image "$($repo):1.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait
        $second.Status | Should -Be 'Succeeded'

        $history = @(Get-EcsDeployment @target @aws -History)
        $current = @($history | Where-Object DeploymentId -EQ $second.DeploymentId)
        $current.Count | Should -Be 1
        # The same seed timings as the wait measured: the history reads the same tasks.
        $current[0].Window.ExtraTaskSeconds | Should -Be $second.Window.ExtraTaskSeconds
        $current[0].Window.Start | Should -Be $second.Window.Start
        $current[0].Window.End | Should -Be $second.Window.End
        $current[0].Window.EstimatedCost.Amount | Should -Be $second.Window.EstimatedCost.Amount
        $table = $history | Format-Table | Out-String -Width 250
        $table | Should -Match 'Overlap\(task-s\)\s+Cost'
        $table | Should -Match ([regex]::Escape(('{0:0.0000} USD' -f $second.Window.EstimatedCost.Amount)))
    }
}
