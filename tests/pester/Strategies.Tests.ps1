# Native BLUE_GREEN / LINEAR / CANARY deployments followed by Wait-EcsSteadyState, on the simulator's
# strategies scenario. PAUSE hooks are put on a service with the aws CLI (as an admin would), then a
# new image is deployed with Start-EcsRollingDeployment, which keeps the service's strategy.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(100); Timeout = [TimeSpan]::FromMinutes(10) }

    # The service's own deployment configuration with these lifecycle hooks, written with the aws CLI.
    function Set-ServiceHooks([string] $Service, [object[]] $Hooks) {
        $config = (Invoke-SimAws ecs describe-services --cluster myservice --services $Service).services[0].deploymentConfiguration
        $config | Add-Member -NotePropertyName lifecycleHooks -NotePropertyValue @($Hooks) -Force
        Invoke-SimAws ecs update-service --cluster myservice --service $Service --deployment-configuration ($config | ConvertTo-Json -Depth 10 -Compress) | Out-Null
    }

    function New-PauseHook([string] $Stage, [int] $TimeoutMinutes = 5) {
        @{ targetType = 'PAUSE'; lifecycleStages = @($Stage); timeoutConfiguration = @{ timeoutInMinutes = $TimeoutMinutes; action = 'ROLLBACK' } }
    }

    function Start-Release([string] $Service, [string] $Tag = '2.0') {
        Start-EcsRollingDeployment -Cluster myservice -Service $Service @aws -Image "$($repo):$Tag" -WarningAction SilentlyContinue
    }
}

Describe 'Wait-EcsSteadyState on native deployments' {
    BeforeEach {
        Reset-Simulator -Scenario strategies
        # Slow enough that 100 ms polls see every stage; the bake of 1 min takes 12 s.
        Set-SimTimeScale 5
    }
    AfterEach { Set-SimTimeScale 60 }

    It 'calls a blue/green release Succeeded only after CLEAN_UP, with its stage timeline and weights' {
        $result = Start-Release myservice-bluegreen | Wait-EcsSteadyState @wait @aws
        $result.Status | Should -Be 'Succeeded'
        $result.LifecycleStage | Should -Be 'CLEAN_UP'
        $result.ProductionTrafficWeight | Should -Be 100
        $stages = @($result.Stages | ForEach-Object Stage)
        ($stages -join ',') | Should -Be 'PRE_SCALE_UP,SCALE_UP,POST_SCALE_UP,TEST_TRAFFIC_SHIFT,POST_TEST_TRAFFIC_SHIFT,PRODUCTION_TRAFFIC_SHIFT,POST_PRODUCTION_TRAFFIC_SHIFT,BAKE_TIME,CLEAN_UP'
        # The same stages the simulator went through (its own record, a PRE_PRODUCTION hook stage reported as the shift).
        $simulated = (Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/stages/myservice/myservice-bluegreen").deployments | Where-Object deploymentId -EQ $result.DeploymentId
        $reported = @($simulated.stages.stage | ForEach-Object { if ($_ -eq 'PRE_PRODUCTION_TRAFFIC_SHIFT') { 'PRODUCTION_TRAFFIC_SHIFT' } else { $_ } } | Select-Object -Unique)
        ($reported -join ',') | Should -Be ($stages -join ',')
        # Each stage lasts until the next one was seen; the last until the deployment finished.
        @($result.Stages | Where-Object { $null -eq $_.Duration }).Count | Should -Be 0
        for ($i = 1; $i -lt $result.Stages.Count; $i++) {
            $result.Stages[$i].EnteredAt | Should -Be ($result.Stages[$i - 1].EnteredAt + $result.Stages[$i - 1].Duration)
        }
        @($result.Hooks).Count | Should -Be 0
    }

    It 'returns a deployment held at a PAUSE hook as AwaitingApproval, saying what it waits for and until when' {
        Set-ServiceHooks myservice-bluegreen @(New-PauseHook POST_TEST_TRAFFIC_SHIFT 5)
        $started = Start-Release myservice-bluegreen
        $result = $started | Wait-EcsSteadyState @wait @aws -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Status | Should -Be 'AwaitingApproval'
        $result.Verdict.Hook.Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $result.Verdict.Hook.Status | Should -Be 'AWAITING_ACTION'
        $result.Verdict.Hook.TimeoutAction | Should -Be 'ROLLBACK'
        $sd = (Invoke-SimAws ecs describe-service-deployments --service-deployment-arns $result.ServiceDeploymentArn).serviceDeployments[0]
        $sd.lifecycleHookDetails[0].hookId | Should -Be $result.Verdict.Hook.HookId
        $expires = $result.Verdict.Hook.ExpiresAt.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss')
        @($warnings | Where-Object { "$_" -match "PAUSE hook $($result.Verdict.Hook.HookId) until $expires" }).Count | Should -Be 1
        $result.StatusReason | Should -Match 'Approve-EcsDeployment'
        $sd.status | Should -Be 'IN_PROGRESS'
    }

    It 'keeps waiting through a pause with -WaitThroughPause until ECS rolls it back at the hook timeout, and names the timeout' {
        Set-ServiceHooks myservice-bluegreen @(New-PauseHook POST_TEST_TRAFFIC_SHIFT 1)
        Set-SimTimeScale 60
        $result = Start-Release myservice-bluegreen | Wait-EcsSteadyState @wait @aws -WaitThroughPause -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'HookTimeout'
        $result.Verdict.Hook.Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $result.Verdict.Hook.Status | Should -Be 'TIMED_OUT'
        $result.StatusReason | Should -Match 'timeout of the lifecycle hook PAUSE .+ at POST_TEST_TRAFFIC_SHIFT'
        @($result.Hooks).Count | Should -Be 1
    }

    It 'names the alarm that rolled a release back during bake' {
        $started = Start-Release myservice-bluegreen
        # Into ALARM once the bake has begun (the stage endpoint shows where the deployment is).
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            $stage = (Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/stages/myservice/myservice-bluegreen")
            Start-Sleep -Milliseconds 100
        } until (($stage | ConvertTo-Json -Depth 6) -match 'BAKE_TIME' -or [DateTime]::UtcNow -gt $deadline)
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/alarms/myservice-bluegreen-5xx?state=ALARM" | Out-Null
        $result = $started | Wait-EcsSteadyState @wait @aws -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'Alarm'
        @($result.Verdict.Alarms) | Should -Be @('myservice-bluegreen-5xx')
        $result.Verdict.Stage | Should -Be 'BAKE_TIME'
        $result.StatusReason | Should -Match 'myservice-bluegreen-5xx'
    }

    It 'names the failing Lambda hook and its stage' {
        $hook = @{ targetType = 'AWS_LAMBDA'; hookTargetArn = 'arn:aws:lambda:eu-west-2:123456789012:function:hook-fail'; roleArn = 'arn:aws:iam::123456789012:role/ecsHookRole'; lifecycleStages = @('POST_SCALE_UP') }
        Set-ServiceHooks myservice-bluegreen @($hook)
        $result = Start-Release myservice-bluegreen | Wait-EcsSteadyState @wait @aws -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'Hook'
        $result.Verdict.Hook.TargetArn | Should -Be 'arn:aws:lambda:eu-west-2:123456789012:function:hook-fail'
        $result.Verdict.Hook.Stage | Should -Be 'POST_SCALE_UP'
        $result.StatusReason | Should -Match 'function:hook-fail at POST_SCALE_UP'
    }
}
