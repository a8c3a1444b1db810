# How results travel: the object given to a cmdlet is never changed, each verdict reaches the
# pipeline as soon as it is known, and the live event log is seen without asking for it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(3) }
    # A child pwsh that is neither a CI agent nor told to show the information stream.
    $script:plainHost = @{ TF_BUILD = $null; GITHUB_ACTIONS = $null; JENKINS_URL = $null }
    $script:childAws = "-Region eu-west-2 -EndpointUrl '$(Get-SimEndpoint)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'"
}

Describe 'Results flow one way' {
    BeforeEach { Reset-Simulator }

    It '$d | Wait-EcsSteadyState outputs a new object and leaves $d as it was' {
        $d = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $before = $d | Select-Object Status, StatusReason, RunningCount, PendingCount, DesiredCount, CompletedAt, RolledBackTo, Verdict, @{ n = 'Events'; e = { $_.Events.Count } }, @{ n = 'Breaker'; e = { $_.CircuitBreaker.ToString() } } |
            ConvertTo-Json -Compress

        $result = $d | Wait-EcsSteadyState @wait
        $result.Status | Should -Be 'Succeeded'
        $result.RunningCount | Should -Be 2
        $result.Events.Count | Should -BeGreaterThan 0
        [object]::ReferenceEquals($d, $result) | Should -BeFalse

        $after = $d | Select-Object Status, StatusReason, RunningCount, PendingCount, DesiredCount, CompletedAt, RolledBackTo, Verdict, @{ n = 'Events'; e = { $_.Events.Count } }, @{ n = 'Breaker'; e = { $_.CircuitBreaker.ToString() } } |
            ConvertTo-Json -Compress
        $after | Should -Be $before
        $d.Status | Should -Be 'InProgress'

        # The same object can be waited on again and is judged afresh.
        ($d | Wait-EcsSteadyState @wait).Status | Should -Be 'Succeeded'
    }

    It 'the verdict is structured: cause, rollback progress and next step' {
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorAction SilentlyContinue -ErrorVariable waitErrors
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'CircuitBreaker'
        $result.Verdict.Rollback | Should -BeIn @('InProgress', 'Completed')
        $result.StatusReason | Should -BeLike 'Rolled back by the deployment circuit breaker*'
        $waitErrors[0].ErrorDetails.RecommendedAction | Should -Match 'FailedTasks and Events'
    }
}

Describe 'Wait-EcsSteadyState streams its verdicts' {
    BeforeEach { Reset-Simulator -Scenario 'fleet20' }

    It 'writes a fast failure while the slow successes are still being watched' {
        Set-SimTimeScale 10
        try {
            $started = @(
                Start-EcsRollingDeployment -Cluster myservice -Service fleet-01 @aws -Image "$($repo):9.9" -SkipImageCheck -WarningAction SilentlyContinue
                Start-EcsRollingDeployment -Cluster myservice -Service fleet-02 @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
                Start-EcsRollingDeployment -Cluster myservice -Service fleet-03 @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
            )
            $received = @($started | Wait-EcsSteadyState @wait -FailFast -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | ForEach-Object {
                    # When each object arrives: the simulator's clock, and which deployments ECS had finished.
                    $clock = Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/clock"
                    $finished = @((Invoke-RestMethod -Uri "$(Get-SimEndpoint)/_simulator/verdicts").verdicts |
                            Where-Object { $_.verdict -eq 'COMPLETED' -and $_.deploymentId -in $started.DeploymentId } | ForEach-Object service)
                    [pscustomobject]@{ Service = $_.Service; Status = $_.Status; At = [double]$clock.epochSeconds; CompletedBefore = $finished }
                })
        }
        finally { Set-SimTimeScale 60 }

        $received.Count | Should -Be 3
        $received[0].Service | Should -Be 'fleet-01' -Because 'the failure is known first'
        $received[0].Status | Should -Be 'Failed'
        @($received[0].CompletedBefore | Where-Object { $_ -in 'fleet-02', 'fleet-03' }).Count | Should -Be 0 -Because 'the failure reached the pipeline before either success was reached by ECS'
        # The two successes finish close together; their order between themselves is ECS's business.
        $received[1..2].Service | Sort-Object | Should -Be @('fleet-02', 'fleet-03')
        $received[1].Status | Should -Be 'Succeeded'
        $received[2].Status | Should -Be 'Succeeded'
        $received[2].CompletedBefore | Sort-Object | Should -Be @('fleet-02', 'fleet-03') -Because 'ECS had finished both by the time the last was written'
    }
}

Describe 'What a person sees' {
    BeforeEach { Reset-Simulator }

    It 'shows the live service events by default and hides them with -InformationAction Ignore' {
        $shown = Invoke-ChildPwsh -Environment $plainHost -Script @"
Import-Module EcsBlueGreen
`$r = Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -Image '$($repo):2.0' $childAws -WarningAction SilentlyContinue | Wait-EcsSteadyState -PollInterval 00:00:00.250
'status ' + `$r.Status
"@
        $shown.Output | Should -Match 'status Succeeded'
        $shown.Output | Should -Match 'has reached a steady state'
        $shown.Output | Should -Match 'Succeeded: Deployment ecs-svc/\d+ completed: 2/2 tasks running\.'

        $quiet = Invoke-ChildPwsh -Environment $plainHost -Script @"
Import-Module EcsBlueGreen
`$r = Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -Image '$($repo):2.2' $childAws -WarningAction SilentlyContinue -InformationAction Ignore | Wait-EcsSteadyState -PollInterval 00:00:00.250 -InformationAction Ignore -ErrorAction SilentlyContinue
'status ' + `$r.Status
"@
        $quiet.Output | Should -Match 'status RolledBack'
        $quiet.Output | Should -Not -Match 'has started \d+ tasks'
        $quiet.Output | Should -Not -Match 'RolledBack: '
    }

    It '-WhatIf prints the task-definition diff and writes nothing' {
        Reset-SimRequests
        $result = Invoke-ChildPwsh -Environment $plainHost -Script @"
Import-Module EcsBlueGreen
Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -Image '$($repo):2.0' -Environment @{ LOG_LEVEL = 'debug' } $childAws -WhatIf -WarningAction SilentlyContinue
"@
        $result.Output | Should -Match ([regex]::Escape("container myapplication: image: $($repo):1.0 -> $($repo):2.0"))
        $result.Output | Should -Match 'container myapplication: environment LOG_LEVEL: \S+ -> debug'
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
    }
}
