# Start-EcsRollingDeployment (alias Start-EcsDeployment) with -Strategy, bake times, steps and -PauseAt,
# against the simulator's strategies scenario (native BLUE_GREEN, LINEAR, CANARY services) and the seed's
# rolling service, as a user runs it from the installed module.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:lambda = 'arn:aws:lambda:eu-west-2:123456789012:function:smoke-succeed'

    function Get-SimService([string] $Service) {
        (Invoke-SimAws ecs describe-services --cluster myservice --services $Service).services[0]
    }

    function Get-ConfigurationJson([string] $Service) {
        (Get-SimService $Service).deploymentConfiguration | ConvertTo-Json -Depth 10 -Compress
    }

    function Get-RevisionCount([string] $Family) {
        @((Invoke-SimAws ecs list-task-definitions --family-prefix $Family).taskDefinitionArns).Count
    }

    # The service as a guardrail must leave it: everything but the moving counters and timestamps.
    function Get-ServiceSnapshot([string] $Service) {
        $s = Get-SimService $Service
        [pscustomobject]@{
            TaskDefinition = $s.taskDefinition
            Configuration  = $s.deploymentConfiguration | ConvertTo-Json -Depth 10 -Compress
            Deployments    = (@($s.deployments.id) -join ',')
            LoadBalancers  = $s.loadBalancers | ConvertTo-Json -Depth 10 -Compress
        } | ConvertTo-Json -Compress
    }
}

Describe 'Start-EcsDeployment alias' {
    It 'is exported by the manifest and runs Start-EcsRollingDeployment' {
        (Get-Module EcsBlueGreen).ExportedAliases.Keys | Should -Be @('Start-EcsDeployment')
        (Get-Alias Start-EcsDeployment).ResolvedCommandName | Should -Be 'Start-EcsRollingDeployment'
        (Get-Alias Start-EcsDeployment).ModuleName | Should -Be 'EcsBlueGreen'
    }
}

Describe 'native strategies deployed as they are' {
    BeforeEach { Reset-Simulator 'strategies' }

    It 'deploys <Service> with its own configuration untouched and records <Strategy>' -TestCases @(
        @{ Service = 'myservice-bluegreen'; Strategy = 'BLUE_GREEN' }
        @{ Service = 'myservice-linear'; Strategy = 'LINEAR' }
        @{ Service = 'myservice-canary'; Strategy = 'CANARY' }
    ) {
        $before = Get-ConfigurationJson $Service
        $deployment = Start-EcsDeployment -Cluster myservice -Service $Service @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue

        $deployment.Strategy | Should -Be $Strategy
        $deployment.TaskDefinitionArn | Should -Match "$Service-task:2$"
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 1
        Get-ConfigurationJson $Service | Should -Be $before
        $sd = (Invoke-SimAws ecs describe-service-deployments --service-deployment-arns $deployment.ServiceDeploymentArn).serviceDeployments
        @($sd).Count | Should -Be 1
        $sd[0].deploymentConfiguration.strategy | Should -Be $Strategy
    }
}

Describe 'setting the strategy for a deployment' {
    BeforeEach { Reset-Simulator 'strategies' }

    It 'a canary with -PauseAt keeps the service''s Lambda hook and its hookDetails, and adds one PAUSE hook' {
        $configuration = (Get-SimService myservice-canary).deploymentConfiguration
        $configuration | Add-Member -NotePropertyName lifecycleHooks -NotePropertyValue @(
            [ordered]@{ targetType = 'AWS_LAMBDA'; hookTargetArn = $lambda; roleArn = 'arn:aws:iam::123456789012:role/hooks'
                lifecycleStages = @('POST_SCALE_UP'); hookDetails = [ordered]@{ path = '/health'; expect = @(200, 204) } })
        Invoke-SimAws ecs update-service --cluster myservice --service myservice-canary --deployment-configuration ($configuration | ConvertTo-Json -Depth 10 -Compress) | Out-Null
        Reset-SimRequests

        $deployment = Start-EcsRollingDeployment -Cluster myservice -Service myservice-canary @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue `
            -CanaryPercent 20 -CanaryBakeTime 2 -BakeTime 3 -PauseAt PostTestTrafficShift, PRE_PRODUCTION_TRAFFIC_SHIFT -HookTimeout 45

        $deployment.Strategy | Should -Be 'CANARY'
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 1 -Because 'the configuration goes with the new task definition in one update'
        $after = (Get-SimService myservice-canary).deploymentConfiguration
        $after.strategy | Should -Be 'CANARY'
        $after.bakeTimeInMinutes | Should -Be 3
        ($after.canaryConfiguration | ConvertTo-Json -Compress) | Should -Be '{"canaryPercent":20,"canaryBakeTimeInMinutes":2}'
        ($after.alarms | ConvertTo-Json -Compress) | Should -Be ($configuration.alarms | ConvertTo-Json -Compress)
        ($after.deploymentCircuitBreaker | ConvertTo-Json -Compress) | Should -Be '{"enable":true,"rollback":true}'
        ($after.lifecycleHooks | ConvertTo-Json -Depth 10 -Compress) | Should -Be (
            '[{"targetType":"AWS_LAMBDA","hookTargetArn":"' + $lambda + '","roleArn":"arn:aws:iam::123456789012:role/hooks","lifecycleStages":["POST_SCALE_UP"],"hookDetails":{"path":"/health","expect":[200,204]}},' +
            '{"targetType":"PAUSE","lifecycleStages":["POST_TEST_TRAFFIC_SHIFT","PRE_PRODUCTION_TRAFFIC_SHIFT"],"timeoutConfiguration":{"timeoutInMinutes":45,"action":"ROLLBACK"}}]')
        $sd = (Invoke-SimAws ecs describe-service-deployments --service-deployment-arns $deployment.ServiceDeploymentArn).serviceDeployments[0]
        ($sd.deploymentConfiguration | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($after | ConvertTo-Json -Depth 10 -Compress)
    }

    It 'a second start with the same -PauseAt does not add the PAUSE hook twice (the hooks stay on the service)' {
        $first = Start-EcsRollingDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue -PauseAt PostScaleUp -HookTimeoutAction Continue
        Invoke-SimAws ecs stop-service-deployment --service-deployment-arn $first.ServiceDeploymentArn --stop-type ROLLBACK | Out-Null
        Step-SimClock 600
        Start-EcsRollingDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue -PauseAt POST_SCALE_UP -Force | Out-Null

        (ConvertTo-Json -InputObject @((Get-SimService myservice-bluegreen).deploymentConfiguration.lifecycleHooks) -Depth 10 -Compress) |
            Should -Be '[{"targetType":"PAUSE","lifecycleStages":["POST_SCALE_UP"],"timeoutConfiguration":{"action":"ROLLBACK"}}]'
    }

    It 'switches the blue/green service to LINEAR with the asked steps' {
        $deployment = Start-EcsRollingDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue `
            -Strategy Linear -StepPercent 50 -StepBakeTime 0

        $deployment.Strategy | Should -Be 'LINEAR'
        $after = (Get-SimService myservice-bluegreen).deploymentConfiguration
        $after.strategy | Should -Be 'LINEAR'
        $after.bakeTimeInMinutes | Should -Be 1
        ($after.linearConfiguration | ConvertTo-Json -Compress) | Should -Be '{"stepPercent":50,"stepBakeTimeInMinutes":0}'
    }

    It '-WhatIf prints the deployment configuration change and writes nothing' {
        $snapshot = Get-ServiceSnapshot myservice-bluegreen
        $revisions = Get-RevisionCount myservice-bluegreen-task
        Reset-SimRequests
        $result = Invoke-ChildPwsh -Environment @{ AWS_ACCESS_KEY_ID = $aws.AccessKey; AWS_SECRET_ACCESS_KEY = $aws.SecretKey; AWS_REGION = 'eu-west-2'; AWS_ENDPOINT_URL = (Get-SimEndpoint) } -Script @"
Import-Module '$((Get-Module EcsBlueGreen).Path)'
Start-EcsRollingDeployment -Cluster myservice -Service myservice-bluegreen -Image '$($repo):2.0' -Strategy Canary -CanaryPercent 5 -PauseAt PostScaleUp -WhatIf -WarningAction SilentlyContinue
"@
        $result.ExitCode | Should -Be 0
        $text = $result.Output -replace '\s+', ' '
        $text | Should -Match ([regex]::Escape('strategy: BLUE_GREEN -> CANARY'))
        $text | Should -Match ([regex]::Escape('bake time: 1 min -> 1 min'))
        $text | Should -Match ([regex]::Escape("canary: none -> 5% for ECS's default time"))
        $text | Should -Match ([regex]::Escape('lifecycle hooks: none -> [PAUSE at POST_SCALE_UP (timeout 1440 min, then ROLLBACK)]'))
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
        Get-ServiceSnapshot myservice-bluegreen | Should -Be $snapshot
        Get-RevisionCount myservice-bluegreen-task | Should -Be $revisions
    }
}

Describe 'guardrails: refused before any write' {
    It '<Name> is <ErrorId> and changes nothing' -TestCases @(
        @{ Name = '-StepPercent on a BLUE_GREEN deployment'; Scenario = 'strategies'; Service = 'myservice-bluegreen'; Arguments = @{ StepPercent = 50 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-CanaryPercent with -Strategy Linear'; Scenario = 'strategies'; Service = 'myservice-canary'; Arguments = @{ Strategy = 'Linear'; CanaryPercent = 10 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-CanaryPercent 0.05'; Scenario = 'strategies'; Service = 'myservice-canary'; Arguments = @{ CanaryPercent = 0.05 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-StepPercent 2'; Scenario = 'strategies'; Service = 'myservice-linear'; Arguments = @{ StepPercent = 2 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-BakeTime 1441'; Scenario = 'strategies'; Service = 'myservice-bluegreen'; Arguments = @{ BakeTime = 1441 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-HookTimeout 20161'; Scenario = 'strategies'; Service = 'myservice-bluegreen'; Arguments = @{ PauseAt = 'PostScaleUp'; HookTimeout = 20161 }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
        @{ Name = '-PauseAt TestTrafficShift'; Scenario = 'strategies'; Service = 'myservice-bluegreen'; Arguments = @{ PauseAt = 'TestTrafficShift' }; ErrorId = 'InvalidPauseStage'; Category = 'InvalidArgument' }
        @{ Name = '-PauseAt PRODUCTION_TRAFFIC_SHIFT'; Scenario = 'strategies'; Service = 'myservice-canary'; Arguments = @{ PauseAt = 'PRODUCTION_TRAFFIC_SHIFT' }; ErrorId = 'InvalidPauseStage'; Category = 'InvalidArgument' }
        @{ Name = '-PauseAt of an unknown stage'; Scenario = 'strategies'; Service = 'myservice-canary'; Arguments = @{ PauseAt = 'Lunch' }; ErrorId = 'InvalidPauseStage'; Category = 'InvalidArgument' }
        @{ Name = '-Strategy BlueGreen on a service without advancedConfiguration'; Scenario = 'seed'; Service = 'myservice-myapplication'; Arguments = @{ Strategy = 'BlueGreen'; BakeTime = 1 }; ErrorId = 'StrategyNeedsAdvancedConfiguration'; Category = 'InvalidOperation' }
        @{ Name = '-Strategy Canary on a service without advancedConfiguration'; Scenario = 'seed'; Service = 'myservice-myapplication'; Arguments = @{ Strategy = 'Canary'; CanaryPercent = 10 }; ErrorId = 'StrategyNeedsAdvancedConfiguration'; Category = 'InvalidOperation' }
        @{ Name = '-PauseAt on a rolling deployment'; Scenario = 'seed'; Service = 'myservice-myapplication'; Arguments = @{ PauseAt = 'PostScaleUp' }; ErrorId = 'InvalidStrategySetting'; Category = 'InvalidArgument' }
    ) {
        Reset-Simulator $Scenario
        $snapshot = Get-ServiceSnapshot $Service
        $revisions = Get-RevisionCount "$Service-task"
        Reset-SimRequests

        $result = Start-EcsRollingDeployment -Cluster myservice -Service $Service @aws -Image "$($repo):2.0" @Arguments -WarningAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failures[0].CategoryInfo.Category | Should -Be $Category
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
        Get-ServiceSnapshot $Service | Should -Be $snapshot
        Get-RevisionCount "$Service-task" | Should -Be $revisions
    }
}
