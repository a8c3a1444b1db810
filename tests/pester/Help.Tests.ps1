# Help completeness, as a user meets it: Get-Help on the module installed from the local repository.
# The cmdlets are discovered from the module itself, so a new cmdlet without help fails here (and the
# build's HelpBuilder already refuses to build without it).

BeforeDiscovery {
    Import-Module EcsBlueGreen -Force
    $script:cmdletCases = @((Get-Module EcsBlueGreen).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module EcsBlueGreen -Force
    $script:module = Get-Module EcsBlueGreen

    function Get-DocumentedParameterName([string] $Name) {
        # Every parameter a user can pass, less PowerShell's common parameters and hidden (DontShow) ones.
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        (Get-Command $Name).Parameters.Values | Where-Object {
            $_.Name -notin $common -and
            -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
        } | ForEach-Object Name
    }

    function Get-HelpText($Node) { (@($Node) | ForEach-Object { $_.Text }) -join "`n" }
}

Describe 'EcsBlueGreen help' {
    It 'exports cmdlets' {
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
    }

    It 'ships the compiled MAML help' {
        Join-Path $module.ModuleBase 'en-US/EcsBlueGreen.PowerShell.dll-Help.xml' | Should -Exist
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $cmdletCases {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        $help.Synopsis.Trim() | Should -Not -Match '^\s*\S+\s+\[-'
    }

    It 'has a description' {
        Get-HelpText $help.Description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.Code | Should -Not -BeNullOrEmpty
            Get-HelpText $example.Remarks | Should -Not -BeNullOrEmpty
        }
    }

    It 'has a CI example (Azure DevOps or Jenkins)' {
        $text = @($help.Examples.Example) | ForEach-Object { $_.Title; $_.Code; Get-HelpText $_.Remarks }
        ($text -join "`n") | Should -Match 'Azure DevOps|Jenkins'
    }

    It 'describes every parameter' {
        $described = @{}
        foreach ($parameter in @($help.Parameters.Parameter)) {
            $described[$parameter.Name] = Get-HelpText $parameter.Description
        }
        $missing = @(Get-DocumentedParameterName $Name | Where-Object { [string]::IsNullOrWhiteSpace($described[$_]) })
        $missing | Should -BeNullOrEmpty -Because "every parameter of $Name needs a description in docs/cmdlets/$Name.md"
    }

    It 'does not document the hidden Connection parameter' {
        @($help.Parameters.Parameter).Name | Should -Not -Contain 'Connection'
    }

    It 'shows parameter metadata from the assembly (pipeline input, type)' {
        foreach ($parameter in @($help.Parameters.Parameter)) {
            $actual = (Get-Command $Name).Parameters[$parameter.Name]
            $actual | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) is documented"
            $byPipeline = @($actual.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count -gt 0
            ($parameter.PipelineInput -like 'True*') | Should -Be $byPipeline -Because "-$($parameter.Name) pipeline input"
        }
    }

    It 'names its output type and related links' {
        @($help.ReturnValues.ReturnValue).Count | Should -BeGreaterThan 0
        $declared = (Get-Command $Name).OutputType.Name
        $documented = @($help.ReturnValues.ReturnValue | ForEach-Object { $_.Type.Name })
        foreach ($type in $declared) { $documented | Should -Contain $type }
        @($help.RelatedLinks.NavigationLink).Count | Should -BeGreaterThan 0
    }
}

Describe 'about_EcsBlueGreen' {
    BeforeAll {
        $about = Get-Help about_EcsBlueGreen | Out-String
    }

    It 'is found by Get-Help' {
        $about | Should -Match 'about_EcsBlueGreen'
        $about | Should -Match 'SHORT DESCRIPTION'
    }

    It 'explains the outcome model and its error ids' {
        foreach ($word in 'Succeeded', 'Failed', 'RolledBack', 'Stopped', 'TimedOut',
            'EcsDeploymentFailed', 'EcsDeploymentRolledBack', 'EcsDeploymentStopped', 'EcsDeploymentTimedOut') {
            $about | Should -Match $word
        }
    }

    It 'explains credentials and CI behaviour' {
        foreach ($word in 'StoredAWSCredentials', 'StoredAWSRegion', 'AWS_ACCESS_KEY_ID', 'TF_BUILD', 'GITHUB_ACTIONS', 'JENKINS_URL', '##vso\[task.logissue\s+type=error\]', '::error::') {
            $about | Should -Match $word
        }
    }

    It 'contains a valid IAM policy document with every action the cmdlets use' {
        $lines = $about -split "\r?\n"
        $start = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^\s*\{\s*$' })
        $start | Should -BeGreaterOrEqual 0
        $indent = ($lines[$start] -replace '\{.*$', '').Length
        $end = $start + 1
        while ($end -lt $lines.Count -and $lines[$end] -notmatch "^\s{$indent}\}\s*$") { $end++ }
        $policy = ($lines[$start..$end] -join "`n") | ConvertFrom-Json
        $policy.Version | Should -Be '2012-10-17'
        $actions = @($policy.Statement | ForEach-Object { $_.Action })
        foreach ($action in 'ecs:DescribeServices', 'ecs:UpdateService', 'ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition',
            'iam:PassRole', 'ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments',
            'ecs:StopServiceDeployment', 'ecs:DescribeServiceRevisions', 'ecs:ListClusters', 'ecs:ListServices',
            'ecr:GetAuthorizationToken', 'ecr:DescribeRepositories', 'ecr:CreateRepository', 'ecr:DescribeImages',
            'ecr:BatchGetImage', 'ecr:PutImage', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:GetDownloadUrlForLayer', 'elasticloadbalancing:Describe*') {
            $actions | Should -Contain $action
        }
    }
}
