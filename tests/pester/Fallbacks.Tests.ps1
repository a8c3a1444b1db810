# Failures a CI pipeline meets at 3 a.m.: the service-deployments API failing in every way it can
# (the cmdlets fall back to deployments[] and the events, with one warning that names the answer and
# never an HTML page), and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / AWS_PROFILE changed in the
# middle of a session (the next command follows them, as AWS.Tools does).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(3) }
    $script:htmlPattern = '(?i)<html|<!doctype|<body|<h1'

    # Every stream of a command: its objects, warnings, errors, and all the text any stream carried.
    function Invoke-Captured([scriptblock] $Command) {
        # A verdict's error is non-terminating: captured, not thrown.
        $ErrorActionPreference = 'Continue'
        $records = @(& $Command *>&1)
        $streams = 'WarningRecord', 'ErrorRecord', 'VerboseRecord', 'InformationRecord', 'DebugRecord' |
            ForEach-Object { "System.Management.Automation.$_" }
        $text = foreach ($record in $records) {
            $record | Out-String -Width 4096
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.Exception.Message; $record.ErrorDetails.Message; $record.Exception.ToString()
            }
            elseif ($record -is [System.Management.Automation.InformationRecord]) { "$($record.MessageData)" }
            elseif ($record.PSObject.Properties['Message']) { $record.Message }
        }
        [pscustomobject]@{
            Output   = @($records | Where-Object { $_.GetType().FullName -notin $streams })
            Warnings = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            Errors   = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Text     = $text -join "`n"
        }
    }

    function Get-PrimaryId { @(Get-EcsDeployment @target @aws)[0].DeploymentId }

    function Get-FallbackWarning([string] $Operation, [string] $Answer) {
        "The service-deployments API is not usable ($Operation answered $Answer); following the service's deployments[] and events instead."
    }
}

Describe 'Fallbacks from the service-deployments API' {
    BeforeEach { Reset-Simulator; Set-SimServiceDeploymentsApiMode 'available' }
    AfterEach { Set-SimServiceDeploymentsApiMode 'available' }

    It 'Wait-EcsSteadyState: the verdict on a rolled-back 2.1 equals the one with the API on, with one warning, when the API answers HTTP 500 with an HTML page' {
        $restored = Get-PrimaryId
        $reference = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $reference.Status | Should -Be 'RolledBack'
        $reference.RolledBackTo | Should -Be $restored

        Reset-Simulator
        $restored = Get-PrimaryId
        $started = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue
        $started.ServiceDeploymentArn | Should -Not -BeNullOrEmpty -Because 'the wait would otherwise never ask the API'
        Set-SimServiceDeploymentsApiMode 'html-500'
        Reset-SimRequests
        $run = Invoke-Captured { $started | Wait-EcsSteadyState @wait -Verbose }

        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -BeExactly (Get-FallbackWarning 'DescribeServiceDeployments' 'HTTP 500 InternalServerError')
        $run.Text | Should -Not -Match $htmlPattern
        $run.Output.Count | Should -Be 1
        $result = $run.Output[0]
        $result.DeploymentId | Should -Be $started.DeploymentId
        $result.Status | Should -Be $reference.Status
        $result.Verdict.Cause | Should -Be $reference.Verdict.Cause
        # ECS's rollback runs 30 simulated seconds after the breaker trips; which poll sees the verdict
        # decides whether it is still running, in both runs alike.
        $result.Verdict.Rollback | Should -BeIn 'InProgress', 'Completed'
        $result.RolledBackTo | Should -Be $restored
        $result.FailedTasks[0].StoppedReason | Should -Be $reference.FailedTasks[0].StoppedReason
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EcsDeploymentRolledBack*'
        $asked = @(Get-SimRequestLog | Where-Object operation -EQ 'DescribeServiceDeployments')
        $asked.Count | Should -BeGreaterThan 0 -Because 'the wait asked the API before it fell back'
        @($asked | Where-Object status -NE 500).Count | Should -Be 0
    }

    It 'Wait-EcsSteadyState: a healthy 2.0 is Succeeded with one warning naming <Answer> when the API is <Mode>' -TestCases @(
        @{ Mode = 'denied'; Answer = 'HTTP 400 AccessDeniedException' }
        @{ Mode = 'unknown-operation'; Answer = 'HTTP 400 UnknownOperationException' }
        @{ Mode = 'html-500'; Answer = 'HTTP 500 InternalServerError' }
    ) {
        $started = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        Set-SimServiceDeploymentsApiMode $Mode
        $run = Invoke-Captured { $started | Wait-EcsSteadyState @wait -Verbose }

        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -BeExactly (Get-FallbackWarning 'DescribeServiceDeployments' $Answer)
        $run.Text | Should -Not -Match $htmlPattern
        $run.Errors.Count | Should -Be 0
        $run.Output.Count | Should -Be 1
        $run.Output[0].Status | Should -Be 'Succeeded'
        $run.Output[0].Verdict.Cause | Should -Be 'Completed'
    }

    It 'Get-EcsDeployment -History lists deployments[] as it does with the API on, with one warning naming <Answer>, when the API is <Mode>' -TestCases @(
        @{ Mode = 'denied'; Answer = 'HTTP 400 AccessDeniedException' }
        @{ Mode = 'unknown-operation'; Answer = 'HTTP 400 UnknownOperationException' }
        @{ Mode = 'html-500'; Answer = 'HTTP 500 InternalServerError' }
    ) {
        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue | Wait-EcsSteadyState @wait | Out-Null
        $reference = @(Get-EcsDeployment @target @aws -History)
        $reference.Count | Should -Be 2 -Because 'the 2.0 deployment, and the seed''s 1.0 service deployment from the history'
        Set-SimServiceDeploymentsApiMode $Mode
        $run = Invoke-Captured { Get-EcsDeployment @target @aws -History -Verbose }

        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -BeExactly (Get-FallbackWarning 'DescribeServiceDeployments' $Answer)
        $run.Text | Should -Not -Match $htmlPattern
        $run.Errors.Count | Should -Be 0
        $run.Output.Count | Should -Be 1 -Because 'only the history needs the API'
        $listed = $run.Output[0]
        foreach ($property in 'DeploymentId', 'Kind', 'Status', 'TaskDefinitionArn', 'Image', 'RunningCount', 'DesiredCount', 'StartedAt', 'CompletedAt') {
            $listed.$property | Should -Be $reference[0].$property -Because "$property is read from deployments[]"
        }
        $listed.Verdict.Cause | Should -Be $reference[0].Verdict.Cause
        $listed.ServiceDeploymentArn | Should -BeNullOrEmpty
    }

    It 'Undo-EcsDeployment of an in-flight 2.0 goes back to 1.0 as it does with the API on, with one warning, when StopServiceDeployment answers HTTP 500 with an HTML page' {
        $reference = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue |
            Undo-EcsDeployment -Confirm:$false
        $reference.Kind | Should -Be 'Rollback'
        $reference.TaskDefinitionArn | Should -Match 'myservice-myapplication-task:1$'

        Reset-Simulator
        $started = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $started.ServiceDeploymentArn | Should -Not -BeNullOrEmpty
        Set-SimServiceDeploymentsApiMode 'html-500'
        Reset-SimRequests
        $run = Invoke-Captured { $started | Undo-EcsDeployment -Confirm:$false -Verbose }

        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -BeExactly (Get-FallbackWarning 'StopServiceDeployment' 'HTTP 500 InternalServerError')
        $run.Text | Should -Not -Match $htmlPattern
        $run.Errors.Count | Should -Be 0
        $run.Output.Count | Should -Be 1
        $rollback = $run.Output[0]
        $rollback.Kind | Should -Be $reference.Kind
        $rollback.RollbackOf | Should -Be $started.DeploymentId
        $rollback.TaskDefinitionArn | Should -Be $reference.TaskDefinitionArn
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 1 -Because 'the rollback fell back to updating the service'

        $back = $rollback | Wait-EcsSteadyState @wait -WarningAction SilentlyContinue
        $back.Status | Should -Be 'Succeeded'
        (Invoke-SimAws ecs describe-services --cluster myservice --services myservice-myapplication).services[0].taskDefinition |
            Should -Be $reference.TaskDefinitionArn
    }
}

Describe 'AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_PROFILE changed in the session' {
    BeforeAll {
        $script:otherKey = 'AKIAOTHERPRINCIPAL01'
        $script:otherSecret = 'otherSecretKeyForTheSecondPrincipal00000'
        $script:saved = @{}
        foreach ($name in 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
            $script:saved[$name] = [Environment]::GetEnvironmentVariable($name)
            Remove-Item "Env:$name" -ErrorAction SilentlyContinue
        }
        $script:profiles = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-profiles-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        New-Item -ItemType Directory -Path (Join-Path $profiles 'a'), (Join-Path $profiles 'b') | Out-Null
        # a: the simulator's first principal in eu-west-2; b: a second principal in us-east-1. Both
        # files name the same profile 'app', and each also holds the other as 'blue' / 'green'.
        Set-Content (Join-Path $profiles 'a/credentials') "[app]`naws_access_key_id = $SimAccessKey`naws_secret_access_key = $SimSecretKey`n[green]`naws_access_key_id = $otherKey`naws_secret_access_key = $otherSecret`n"
        Set-Content (Join-Path $profiles 'a/config') "[profile app]`nregion = eu-west-2`n[profile green]`nregion = us-east-1`n"
        Set-Content (Join-Path $profiles 'b/credentials') "[app]`naws_access_key_id = $otherKey`naws_secret_access_key = $otherSecret`n"
        Set-Content (Join-Path $profiles 'b/config') "[profile app]`nregion = us-east-1`n"
        $script:fleet = @{ Cluster = 'web'; Service = 'web-01'; EndpointUrl = (Get-SimEndpoint) }

        # Which key and region signed the DescribeServices calls since the last reset.
        function Get-Signers {
            @(Get-SimRequestLog | Where-Object operation -EQ 'DescribeServices' | ForEach-Object { "$($_.accessKeyId)@$($_.region)" } | Select-Object -Unique)
        }
    }
    AfterAll {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $saved[$name] }
        }
        Remove-Item -Recurse -Force $profiles -ErrorAction SilentlyContinue
    }
    BeforeEach {
        Reset-Simulator 'fleet2x2'
        Add-SimCredential $otherKey $otherSecret
    }
    AfterEach {
        foreach ($name in 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE') { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
    }

    It 'a new AWS_PROFILE takes effect on the next command' {
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $profiles 'a/credentials'
        $env:AWS_CONFIG_FILE = Join-Path $profiles 'a/config'
        $env:AWS_PROFILE = 'app'
        $first = @(Get-EcsDeployment @fleet)
        $first[0].Region | Should -Be 'eu-west-2'
        Get-Signers | Should -Be @("$SimAccessKey@eu-west-2")

        Reset-SimRequests
        $env:AWS_PROFILE = 'green'
        $second = @(Get-EcsDeployment @fleet)
        $second[0].Region | Should -Be 'us-east-1'
        Get-Signers | Should -Be @("$otherKey@us-east-1")
    }

    It 'a new AWS_SHARED_CREDENTIALS_FILE takes effect on the next command' {
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $profiles 'a/credentials'
        $env:AWS_CONFIG_FILE = Join-Path $profiles 'a/config'
        $env:AWS_PROFILE = 'app'
        @(Get-EcsDeployment @fleet)[0].Region | Should -Be 'eu-west-2'
        Get-Signers | Should -Be @("$SimAccessKey@eu-west-2")

        Reset-SimRequests
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $profiles 'b/credentials'
        @(Get-EcsDeployment @fleet)[0].Region | Should -Be 'eu-west-2' -Because 'the region still comes from config a'
        Get-Signers | Should -Be @("$otherKey@eu-west-2")
    }

    It 'a new AWS_CONFIG_FILE takes effect on the next command' {
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $profiles 'a/credentials'
        $env:AWS_CONFIG_FILE = Join-Path $profiles 'a/config'
        $env:AWS_PROFILE = 'app'
        @(Get-EcsDeployment @fleet)[0].Region | Should -Be 'eu-west-2'
        Get-Signers | Should -Be @("$SimAccessKey@eu-west-2")

        Reset-SimRequests
        $env:AWS_CONFIG_FILE = Join-Path $profiles 'b/config'
        @(Get-EcsDeployment @fleet)[0].Region | Should -Be 'us-east-1'
        Get-Signers | Should -Be @("$SimAccessKey@us-east-1")
    }
}
