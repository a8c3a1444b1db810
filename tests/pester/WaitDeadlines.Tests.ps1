# A wait ends within its -Timeout whatever the endpoint does, and an endpoint that refuses connections
# ends it with EcsUnreachable (where, when each deployment was last seen, in what state, how to
# resume), never a verdict about a deployment it could not see. Each wait runs in a thread job with a
# 60 s guard, so a wait that does not return fails the test instead of hanging the run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:resume = 'resume with: Wait-EcsSteadyState -Cluster myservice -Service myservice-myapplication'

    # Pipes $Deployment into Wait-EcsSteadyState with $Parameters in a thread job.
    function Start-GuardedWait($Deployment, [hashtable] $Parameters) {
        Start-ThreadJob -ArgumentList $Deployment, $Parameters -ScriptBlock {
            param($Deployment, $Parameters)
            Import-Module EcsBlueGreen
            $output = if ($Deployment) {
                @($Deployment | Wait-EcsSteadyState @Parameters -ErrorVariable waitErrors -ErrorAction SilentlyContinue -InformationAction Ignore)
            }
            else {
                @(Wait-EcsSteadyState @Parameters -ErrorVariable waitErrors -ErrorAction SilentlyContinue -InformationAction Ignore)
            }
            [pscustomobject]@{ Output = $output; Errors = @($waitErrors) }
        }
    }

    # The wait's output and errors, once it returned; a wait still running after the guard fails the test.
    function Receive-GuardedWait($Job, [int] $GuardSeconds = 60) {
        if (-not (Wait-Job $Job -Timeout $GuardSeconds)) {
            Stop-Job $Job
            Remove-Job $Job -Force
            throw "Wait-EcsSteadyState had not returned after $GuardSeconds s."
        }
        $result = Receive-Job $Job -ErrorAction Stop
        Remove-Job $Job
        $result
    }

    function Invoke-GuardedWait($Deployment, [hashtable] $Parameters) {
        Receive-GuardedWait (Start-GuardedWait $Deployment $Parameters)
    }

    # A port on loopback with nothing listening: connections to it are refused.
    function Get-RefusingEndpoint {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        "http://127.0.0.1:$port"
    }

    function Start-Deployment {
        Reset-Simulator
        Start-EcsRollingDeployment @target @aws -ForceNewDeployment -WarningAction SilentlyContinue
    }
}

AfterAll {
    Reset-Simulator
}

Describe 'Wait-EcsSteadyState against an endpoint that accepts connections and never answers' {
    BeforeAll {
        # Accepted by the kernel into the backlog and never read: every request hangs.
        $script:silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start(100)
        $script:silentEndpoint = "http://127.0.0.1:$($silent.LocalEndpoint.Port)"
    }

    AfterAll {
        $silent.Stop()
    }

    It 'returns at its -Timeout as TimedOut with the state it was handed, and says how to resume' {
        $deployment = Start-Deployment
        $parameters = $aws.Clone()
        $parameters.EndpointUrl = $silentEndpoint
        $parameters.Timeout = [TimeSpan]::FromSeconds(4)
        $parameters.PollInterval = [TimeSpan]::FromSeconds(1)

        $result = Invoke-GuardedWait $deployment $parameters

        $result.Output.Count | Should -Be 1
        $result.Output[0].Status.ToString() | Should -Be 'TimedOut'
        $result.Output[0].DeploymentId | Should -Be $deployment.DeploymentId
        $result.Output[0].RunningCount | Should -Be $deployment.RunningCount
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EcsDeploymentTimedOut,*'
        $result.Errors[0].CategoryInfo.Category.ToString() | Should -Be 'OperationTimeout'
        $result.Errors[0].Exception.Message | Should -BeLike "*Still in progress after 00:00:04. The deployment goes on; resume waiting with: Wait-EcsSteadyState -Cluster myservice -Service myservice-myapplication"
    }

    It 'returns at its -Timeout when even finding the deployment of -Cluster/-Service gets no answer' {
        $parameters = $aws.Clone()
        $parameters.EndpointUrl = $silentEndpoint
        $parameters.Timeout = [TimeSpan]::FromSeconds(4)
        $parameters.Cluster = 'myservice'
        $parameters.Service = 'myservice-myapplication'

        $result = Invoke-GuardedWait $null $parameters

        $result.Output.Count | Should -Be 0
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AwsNoAnswer,*'
        $result.Errors[0].CategoryInfo.Category.ToString() | Should -Be 'ConnectionError'
        $result.Errors[0].Exception.Message | Should -Be 'ECS did not answer for myservice/myservice-myapplication within the timeout of 00:00:04.'
    }
}

Describe 'Wait-EcsSteadyState against a refused endpoint' {
    It 'ends at its -Timeout with EcsUnreachable, not a verdict (AWS_MAX_ATTEMPTS <attempts>)' -ForEach @(
        @{ attempts = $null }
        @{ attempts = '10' }
    ) {
        $deployment = Start-Deployment
        $refusing = Get-RefusingEndpoint
        $parameters = $aws.Clone()
        $parameters.EndpointUrl = $refusing
        $parameters.Timeout = [TimeSpan]::FromSeconds(3)
        $parameters.PollInterval = [TimeSpan]::FromSeconds(1)
        $before = $env:AWS_MAX_ATTEMPTS
        $env:AWS_MAX_ATTEMPTS = $attempts
        try { $result = Invoke-GuardedWait $deployment $parameters }
        finally { $env:AWS_MAX_ATTEMPTS = $before }

        $result.Output.Count | Should -Be 0 -Because 'no verdict about a deployment it never saw'
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'EcsUnreachable,*'
        $record.CategoryInfo.Category.ToString() | Should -Be 'ConnectionError'
        $record.TargetObject.DeploymentId | Should -Be $deployment.DeploymentId
        $message = $record.Exception.Message
        $message | Should -BeLike "ECS at $refusing/ was unreachable since *Z (*Connection refused*); deployment $($deployment.DeploymentId) of myservice/myservice-myapplication was not seen in this wait. *"
        $message | Should -BeLike "*When ECS answers again, $resume"
        $record.ErrorDetails.RecommendedAction | Should -Be "Check the network, the proxy and -EndpointUrl ($refusing/), then $resume"
    }
}

Describe 'Wait-EcsSteadyState when ECS is killed in the middle of the wait' {
    BeforeAll {
        # A simulator of its own whose clock stands still, so the deployment stays IN_PROGRESS.
        $script:dying = Start-TestSimulator -SimulatorPath $env:ECSBG_TEST_SIMULATOR_PATH -Arguments @('--time-scale', '0', '--scenario', 'seed')
    }

    AfterAll {
        Stop-TestSimulator $dying
    }

    It 'ends within the unreachable window with EcsUnreachable naming when and in what state the deployment was last seen, even with 10 attempts' {
        $parameters = $aws.Clone()
        $parameters.EndpointUrl = $dying.Endpoint
        $deployment = Start-EcsRollingDeployment @target @parameters -ForceNewDeployment -WarningAction SilentlyContinue
        Invoke-RestMethod -Method Post -Uri "$($dying.Endpoint)/_simulator/requests/reset" | Out-Null
        $parameters.Timeout = [TimeSpan]::FromMinutes(10)
        $parameters.PollInterval = [TimeSpan]::FromSeconds(1)
        $before = $env:AWS_MAX_ATTEMPTS
        $env:AWS_MAX_ATTEMPTS = '10'
        try {
            $job = Start-GuardedWait $deployment $parameters
            # Killed once the wait has seen the deployment at least once.
            $seen = [DateTime]::UtcNow.AddSeconds(30)
            while (-not @((Invoke-RestMethod -Uri "$($dying.Endpoint)/_simulator/requests/log").requests | Where-Object operation -eq 'DescribeServices')) {
                if ([DateTime]::UtcNow -gt $seen) { throw 'The wait never described the service.' }
                Start-Sleep -Milliseconds 100
            }
            Stop-TestSimulator $dying
            $dying.Process.HasExited | Should -BeTrue -Because 'SIGTERM ends the simulator'

            $result = Receive-GuardedWait $job
        }
        finally { $env:AWS_MAX_ATTEMPTS = $before }

        $result.Output.Count | Should -Be 0 -Because 'no TimedOut or InProgress verdict about a deployment it has not seen since ECS died'
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'EcsUnreachable,*'
        $record.CategoryInfo.Category.ToString() | Should -Be 'ConnectionError'
        $message = $record.Exception.Message
        $message | Should -BeLike "ECS at $($dying.Endpoint)/ was unreachable since *Z (*Connection refused*); deployment $($deployment.DeploymentId) of myservice/myservice-myapplication was last seen at ????-??-?? ??:??:??Z, IN_PROGRESS with 0/2 new tasks running. What ECS did with it since is unknown: the wait stopped following it. When ECS answers again, $resume"
        $record.TargetObject.DeploymentId | Should -Be $deployment.DeploymentId
        $record.TargetObject.Status.ToString() | Should -Not -Be 'TimedOut'
    }
}
