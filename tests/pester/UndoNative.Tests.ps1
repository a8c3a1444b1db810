# Undo-EcsDeployment on native (blue/green) deployments, on the strategies scenario: one paused at a PAUSE
# hook is rolled back through the hook (ContinueServiceDeployment ROLLBACK), from a second pwsh as a second
# pipeline job after a manual gate would; one in BAKE_TIME through StopServiceDeployment ROLLBACK. Either
# way production traffic is back on blue, and nothing is written twice or under -WhatIf.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(100); Timeout = [TimeSpan]::FromMinutes(10) }
    . (Join-Path $PSScriptRoot 'NativeTestHelpers.ps1')
    $script:childEnvironment = Get-ChildAwsEnvironment
    $script:writes = 'ContinueServiceDeployment', 'StopServiceDeployment', 'UpdateService', 'RegisterTaskDefinition', 'CreateService', 'DeleteService'

    # The ECS write calls in the request log since the last reset, each as 'Operation ACTION'.
    function Get-EcsWrites {
        @(Get-SimRequestLog | Where-Object { $_.service -eq 'ECS' -and $_.operation -in $writes } | ForEach-Object { "$($_.operation) $($_.action)".Trim() })
    }
}

Describe 'Undo-EcsDeployment of a native deployment' {
    BeforeEach {
        Reset-Simulator -Scenario strategies
        Set-SimTimeScale 5
    }
    AfterEach { Set-SimTimeScale 60 }

    It 'rolls a paused deployment back at its hook from a second pwsh with -Cluster -Service; the wait ends Succeeded and production is on blue' {
        $paused = Start-PausedRelease
        $paused.Status | Should -Be 'AwaitingApproval'
        $hookId = (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0].hookId
        Reset-SimRequests

        $second = Invoke-ChildPwsh -Environment $childEnvironment -Script @"
Import-Module EcsBlueGreen
`$u = Undo-EcsDeployment -Cluster myservice -Service myservice-bluegreen -EndpointUrl '$(Get-SimEndpoint)' -Confirm:`$false
'undo ' + `$u.Kind + ' ' + `$u.ServiceDeploymentArn
`$r = `$u | Wait-EcsSteadyState -PollInterval 00:00:00.100 -InformationAction Ignore -WarningAction SilentlyContinue
'status ' + `$r.Status + ' kind ' + `$r.Kind
"@
        $second.Output | Should -Match ([regex]::Escape("undo Rollback $($paused.ServiceDeploymentArn)"))
        $second.Output | Should -Match 'status Succeeded kind Rollback'
        (Get-EcsWrites) -join ';' | Should -Be 'ContinueServiceDeployment ROLLBACK'
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 1
        Get-SimRequestCount 'ECS.StopServiceDeployment' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0

        $sd = Get-ServiceDeployment $paused.ServiceDeploymentArn
        $sd.status | Should -Be 'ROLLBACK_SUCCESSFUL'
        @($sd.lifecycleHookDetails | Where-Object hookId -EQ $hookId).status | Should -Be 'FAILED'
        $weights = Get-ProductionWeights
        $weights.Blue | Should -Be 100
        $weights.Green | Should -Be 0
    }

    It 'rolls a deployment back with StopServiceDeployment during BAKE_TIME; production is back on blue' {
        $started = Start-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            Start-Sleep -Milliseconds 100
            $stage = (Get-ServiceDeployment $started.ServiceDeploymentArn).lifecycleStage
        } until ($stage -eq 'BAKE_TIME' -or [DateTime]::UtcNow -gt $deadline)
        # Held in the bake while Undo plans and acts.
        Set-SimTimeScale 0
        $stage | Should -Be 'BAKE_TIME'
        (Get-ProductionWeights).Green | Should -Be 100
        Reset-SimRequests

        $rollback = $started | Undo-EcsDeployment -Confirm:$false
        (Get-EcsWrites) -join ';' | Should -Be 'StopServiceDeployment ROLLBACK'
        $rollback.Kind | Should -Be 'Rollback'
        $rollback.ServiceDeploymentArn | Should -Be $started.ServiceDeploymentArn

        Set-SimTimeScale 5
        $result = $rollback | Wait-EcsSteadyState @wait -WarningAction SilentlyContinue
        $result.Status | Should -Be 'Succeeded'
        (Get-ServiceDeployment $started.ServiceDeploymentArn).status | Should -Be 'ROLLBACK_SUCCESSFUL'
        $weights = Get-ProductionWeights
        $weights.Blue | Should -Be 100
        $weights.Green | Should -Be 0
        (Get-EcsWrites) -join ';' | Should -Be 'StopServiceDeployment ROLLBACK'
    }

    It 'a second Undo of a rolled-back deployment is DeploymentAlreadyRolledBack and writes nothing, with the object or -Cluster -Service' {
        $paused = Start-PausedRelease
        $rollback = $paused | Undo-EcsDeployment -Confirm:$false
        ($rollback | Wait-EcsSteadyState @wait -WarningAction SilentlyContinue).Status | Should -Be 'Succeeded'
        Reset-SimRequests

        $again = $paused | Undo-EcsDeployment -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentAlreadyRolledBack,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("$($paused.ServiceDeploymentArn) of myservice/myservice-bluegreen (status ROLLBACK_SUCCESSFUL)"))

        $byName = Undo-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws -Confirm:$false -ErrorVariable nameFailures -ErrorAction SilentlyContinue
        $byName | Should -BeNullOrEmpty
        @($nameFailures).Count | Should -Be 1
        $nameFailures[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentAlreadyRolledBack,*'
        @(Get-EcsWrites).Count | Should -Be 0
    }

    It '-WhatIf on a paused deployment names the hook and the ROLLBACK action, makes no write, and the hook still awaits action' {
        $paused = Start-PausedRelease
        Reset-SimRequests
        # What-if text goes to the host, so a child pwsh shows it.
        $result = (Invoke-ChildPwsh -Environment $childEnvironment -Script @"
Import-Module EcsBlueGreen
Undo-EcsDeployment -Cluster myservice -Service myservice-bluegreen -EndpointUrl '$(Get-SimEndpoint)' -WhatIf
"@).Output -replace '\s', ''
        $hook = (Get-ServiceDeployment $paused.ServiceDeploymentArn).lifecycleHookDetails[0]
        # Compared without white space: the host may wrap the long line anywhere.
        $expected = "roll back service deployment $($paused.ServiceDeploymentArn) at its PAUSE hook $($hook.hookId) (stage POST_TEST_TRAFFIC_SHIFT) with ContinueServiceDeployment action ROLLBACK" -replace '\s', ''
        $result | Should -Match ([regex]::Escape($expected))
        $result | Should -Match ([regex]::Escape('ontarget"myservice/myservice-bluegreen"'))
        @(Get-EcsWrites).Count | Should -Be 0
        $hook.status | Should -Be 'AWAITING_ACTION'
        (Get-ServiceDeployment $paused.ServiceDeploymentArn).status | Should -Be 'IN_PROGRESS'
    }
}
