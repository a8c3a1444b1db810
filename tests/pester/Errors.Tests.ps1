# Errors as a user meets them from the installed module: every failure is an ErrorRecord whose id,
# category and RecommendedAction are the error catalogue's, exactly as Get-Help about_EcsBlueGreen
# documents them; never NotSpecified.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'

    # The ERRORS section of the installed about topic: id -> (Category, Action). Get-Help shows each row
    # of its tables as the id, then "Category: ..." and "What to do: ..." wrapped beneath it.
    function Get-DocumentedError {
        $lines = (Get-Help about_EcsBlueGreen | Out-String) -split "\r?\n"
        $start = [array]::IndexOf($lines, 'ERRORS')
        $start | Should -BeGreaterThan 0 -Because 'about_EcsBlueGreen has an Errors section'
        $documented = @{}
        for ($i = $start + 1; $i -lt $lines.Count -and $lines[$i] -notmatch '^[A-Z][A-Z ]+$'; $i++) {
            if ($lines[$i] -match '^    ([A-Z][A-Za-z0-9]+)$' -and $lines[$i + 1] -match '^        Category: (\S+)$') {
                $id = $lines[$i].Trim()
                $category = ($lines[$i + 1] -replace '^        Category: ', '').Trim()
                $action = @()
                for ($j = $i + 2; $j -lt $lines.Count -and $lines[$j] -match '^        \S'; $j++) { $action += $lines[$j].Trim() }
                $documented[$id] = [pscustomobject]@{ Category = $category; Action = (($action -join ' ') -replace '^What to do: ', '') }
            }
        }
        $documented
    }

    function Set-SimFaults([hashtable] $Faults) {
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/faults" -ContentType 'application/json' -Body ($Faults | ConvertTo-Json -Depth 5 -Compress) | Out-Null
    }

    # The catalogue itself, from the core library the module loaded (the assembly of its output types).
    function Get-Catalogue {
        $core = (Get-Command Get-EcsDeployment).OutputType[0].Type.Assembly
        $core.GetName().Name | Should -Be 'EcsBlueGreen'
        $core.GetType('EcsBlueGreen.Errors.ErrorIds', $true)::All
    }

    # A verdict's record says the next step of that verdict (e.g. a rollback still running), so the
    # test names it; every other record carries the catalogue's action.
    function Assert-Catalogued($Record, [string] $Id, [string] $Action = $documented[$Id].Action) {
        $Record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $Record.CategoryInfo.Category.ToString() | Should -Be $documented[$Id].Category
        $Record.ErrorDetails.RecommendedAction | Should -Be $Action
    }

    $script:documented = Get-DocumentedError
}

Describe 'The error table of about_EcsBlueGreen' {
    It 'lists every catalogue id with its category and what to do' {
        $catalogue = @(Get-Catalogue)
        $catalogue.Count | Should -BeGreaterThan 50
        @($documented.Keys | Sort-Object) | Should -Be @($catalogue.Id | Sort-Object)
        foreach ($entry in $catalogue) {
            $documented[$entry.Id].Category | Should -Be $entry.Kind.ToString() -Because $entry.Id
            $documented[$entry.Id].Action | Should -Be $entry.UserAction -Because $entry.Id
        }
    }

    It 'names only PowerShell error categories, never NotSpecified' {
        foreach ($id in $documented.Keys) {
            $category = $documented[$id].Category
            [Enum]::IsDefined([System.Management.Automation.ErrorCategory], $category) | Should -BeTrue -Because $id
            $category | Should -Not -Be 'NotSpecified' -Because $id
        }
    }
}

Describe 'Errors of the cmdlets' {
    BeforeEach {
        Reset-Simulator
        $env:AWS_MAX_ATTEMPTS = '1'
    }
    AfterEach {
        Set-SimFaults @{}
        Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
    }

    It 'a parameter the cmdlet refuses: InvalidTimeout, before any AWS call' {
        Reset-SimRequests
        $record = $null
        try { Wait-EcsSteadyState @aws @target -Timeout ([TimeSpan]::Zero) -ErrorAction Stop } catch { $record = $_ }
        Assert-Catalogued $record 'InvalidTimeout'
        $record.TargetObject | Should -Be ([TimeSpan]::Zero)
        (Get-SimRequests).PSObject.Properties | Should -BeNullOrEmpty
    }

    It 'a service that does not exist: ServiceNotFound, with the service as target' {
        Start-EcsRollingDeployment @aws -Cluster myservice -Service nope -Image "$($repo):2.0" -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        Assert-Catalogued $failures[0] 'ServiceNotFound'
        $failures[0].TargetObject | Should -Be 'myservice/nope'
    }

    It 'an AWS server error through every retry: AwsServiceUnavailable, the AWS code kept on the exception' {
        Set-SimFaults @{ operations = @{ 'ECS.DescribeServices' = @{ '5xx' = 1.0 } } }
        Get-EcsDeployment @aws @target -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        Assert-Catalogued $failures[0] 'AwsServiceUnavailable'
        $failures[0].Exception.ErrorCode | Should -BeIn @('ServerException', 'ServiceUnavailableException')
        Get-SimRequestCount 'ECS.DescribeServices' | Should -Be 1 -Because 'AWS_MAX_ATTEMPTS is 1'
    }

    It 'throttling through every retry: AwsThrottled' {
        Set-SimFaults @{ operations = @{ 'ECS.DescribeServices' = @{ throttle = 1.0 } } }
        Get-EcsDeployment @aws @target -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Catalogued $failures[0] 'AwsThrottled'
        $failures[0].Exception.ErrorCode | Should -Be 'ThrottlingException'
    }

    It 'a verdict: EcsDeploymentRolledBack with the catalogue''s category and the verdict''s next step' {
        $wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(3) }
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -WarningAction SilentlyContinue |
            Wait-EcsSteadyState @wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $failures.Count | Should -Be 1
        # The wait ends at the first poll that sees ECS's verdict; ECS's rollback ends 30 simulated seconds
        # later. While it runs, the next step is to wait for it; once it is done, the catalogue's action.
        $result.Verdict.Rollback | Should -BeIn 'InProgress', 'Completed'
        $action = if ($result.Verdict.Rollback -eq 'InProgress') {
            "ECS is going back to the last working deployment; Wait-EcsSteadyState -Cluster $($target.Cluster) -Service $($target.Service) waits for it. Look at FailedTasks and Events on the deployment object."
        } else { $documented['EcsDeploymentRolledBack'].Action }
        Assert-Catalogued $failures[0] 'EcsDeploymentRolledBack' $action
        $failures[0].TargetObject.DeploymentId | Should -Be $result.DeploymentId
    }
}
