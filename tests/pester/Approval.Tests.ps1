# Approve-EcsDeployment on the strategies scenario: a blue/green deployment started with a PAUSE hook
# returns AwaitingApproval, and a second pwsh (a second pipeline job after a manual gate) approves it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(100); Timeout = [TimeSpan]::FromMinutes(10) }
    . (Join-Path $PSScriptRoot 'NativeTestHelpers.ps1')
    $script:childEnvironment = Get-ChildAwsEnvironment
}

Describe 'Approve-EcsDeployment' {
    BeforeEach {
        Reset-Simulator -Scenario strategies
        Set-SimTimeScale 5
    }
    AfterEach { Set-SimTimeScale 60 }

    It 'is approved from a second pwsh with -Cluster -Service, and the deployment then Succeeds' {
        $paused = Start-PausedRelease
        $paused.Status | Should -Be 'AwaitingApproval'
        $hookId = (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0].hookId

        $second = Invoke-ChildPwsh -Environment $childEnvironment -Script @"
Import-Module EcsBlueGreen
`$r = Approve-EcsDeployment -Cluster myservice -Service myservice-bluegreen -EndpointUrl '$(Get-SimEndpoint)' -Confirm:`$false |
    Wait-EcsSteadyState -PollInterval 00:00:00.100 -InformationAction Ignore
'status ' + `$r.Status + ' stage ' + `$r.LifecycleStage
"@
        $second.Output | Should -Match 'status Succeeded stage CLEAN_UP'
        $sd = Get-ServiceDeployment $paused.ServiceDeploymentArn
        $sd.status | Should -Be 'SUCCESSFUL'
        @($sd.lifecycleHookDetails | Where-Object hookId -EQ $hookId).status | Should -Be 'SUCCEEDED'
    }

    It 'continues exactly the awaiting hook once; a second approval is DeploymentNotPaused and calls nothing that changes' {
        $paused = Start-PausedRelease
        Reset-SimRequests
        $approved = $paused | Approve-EcsDeployment -Confirm:$false
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 1
        $approved.Status | Should -Be 'InProgress'
        $approved.ServiceDeploymentArn | Should -Be $paused.ServiceDeploymentArn
        $paused.Status | Should -Be 'AwaitingApproval' -Because 'the object given is never changed'

        $again = $paused | Approve-EcsDeployment -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentNotPaused,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 1
        ($approved | Wait-EcsSteadyState @wait).Status | Should -Be 'Succeeded'
    }

    It 'Get-EcsDeployment shows the stage, the weights and the pending hook of the paused deployment' {
        $paused = Start-PausedRelease
        $hook = (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0]
        $listed = (Get-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws)[0]
        $listed.ServiceDeploymentArn | Should -Be $paused.ServiceDeploymentArn
        $listed.Strategy | Should -Be 'BLUE_GREEN'
        $listed.LifecycleStage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $listed.TestTrafficWeight | Should -Be 100
        $listed.ProductionTrafficWeight | Should -Be 0
        $listed.PendingHook.HookId | Should -Be $hook.hookId
        $listed.PendingHook.Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $listed.PendingHook.TimeoutAction | Should -Be 'ROLLBACK'
        $paused | Approve-EcsDeployment -Confirm:$false | Wait-EcsSteadyState @wait | Out-Null
        $after = (Get-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws)[0]
        $after.PendingHook | Should -BeNullOrEmpty
        $after.ProductionTrafficWeight | Should -Be 100
    }

    It '-WhatIf names the hook and makes no call that changes anything' {
        $paused = Start-PausedRelease
        Reset-SimRequests
        # What-if text goes to the host, so a child pwsh shows it.
        $result = (Invoke-ChildPwsh -Environment $childEnvironment -Script @"
Import-Module EcsBlueGreen
Approve-EcsDeployment -Cluster myservice -Service myservice-bluegreen -EndpointUrl '$(Get-SimEndpoint)' -WhatIf
"@).Output -replace '\s', ''
        $hookId = (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0].hookId
        # Compared without white space: the host may wrap the long line anywhere.
        $expected = "continue service deployment $($paused.ServiceDeploymentArn) at its PAUSE hook $hookId (stage POST_TEST_TRAFFIC_SHIFT)" -replace '\s', ''
        $result | Should -Match ([regex]::Escape($expected))
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 0
        (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0].status | Should -Be 'AWAITING_ACTION'
    }
}
