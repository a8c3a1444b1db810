# Input cannot deploy to the wrong place: ARNs of another place, values PowerShell bends, images that
# are not there, repository URIs, other deployment controllers, task definitions that do not exist or
# are INACTIVE. Each is a clear error record and nothing is written (the simulator's request counts).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:arnBase = 'arn:aws:ecs:eu-west-2:123456789012'
    $script:work = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-input-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work | Out-Null

    function Assert-NothingWritten {
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 0
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
        Get-SimRequestCount 'ECR.PutImage' | Should -Be 0
    }

    function Assert-OneError($Errors, [string] $ErrorId, [string] $Category) {
        @($Errors).Count | Should -Be 1
        $Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Errors[0].CategoryInfo.Category | Should -Be $Category
    }

    function Get-ServiceTaskDefinition([string] $Service = 'myservice-myapplication') {
        (Invoke-SimAws ecs describe-services --cluster myservice --services $Service).services[0].taskDefinition
    }

    # Revision 2 of the family, registered then deregistered: INACTIVE.
    function New-InactiveRevision {
        $file = Join-Path $work 'containers.json'
        '[{"name":"myapplication","image":"' + $repo + ':2.0","essential":true}]' | Set-Content -Path $file
        $registered = Invoke-SimAws ecs register-task-definition --family myservice-myapplication-task --container-definitions "file://$file"
        Invoke-SimAws ecs deregister-task-definition --task-definition $registered.taskDefinition.taskDefinitionArn | Out-Null
        $registered.taskDefinition.taskDefinitionArn
    }
}

AfterAll {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'ARNs must name the connected place' {
    BeforeEach { Reset-Simulator }

    It 'Start refuses <Name> (ArnMismatch) and writes nothing' -TestCases @(
        @{ Name = 'a service ARN of another region'; Parameters = @{ Service = 'arn:aws:ecs:eu-west-1:123456789012:service/myservice/myservice-myapplication' } }
        @{ Name = 'a service ARN of another account'; Parameters = @{ Service = 'arn:aws:ecs:eu-west-2:210987654321:service/myservice/myservice-myapplication' } }
        @{ Name = 'a service ARN of another cluster'; Parameters = @{ Service = 'arn:aws:ecs:eu-west-2:123456789012:service/other/myservice-myapplication' } }
        @{ Name = 'a cluster ARN of another region'; Parameters = @{ Cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/myservice' } }
        @{ Name = 'a cluster ARN of another account'; Parameters = @{ Cluster = 'arn:aws:ecs:eu-west-2:210987654321:cluster/myservice' } }
        @{ Name = 'a task-definition ARN of another region'; Parameters = @{ Image = $null; TaskDefinition = 'arn:aws:ecs:eu-central-1:123456789012:task-definition/myservice-myapplication-task:1' } }
        @{ Name = 'a task-definition ARN of another account'; Parameters = @{ Image = $null; TaskDefinition = 'arn:aws:ecs:eu-west-2:210987654321:task-definition/myservice-myapplication-task:1' } }
    ) {
        param($Name, $Parameters)
        $before = Get-ServiceTaskDefinition
        Reset-SimRequests
        $arguments = @{ Image = "$($repo):2.0" } + $aws + $target
        foreach ($key in $Parameters.Keys) { $arguments[$key] = $Parameters[$key] }
        if ($null -eq $arguments.Image) { $arguments.Remove('Image') }
        $out = Start-EcsRollingDeployment @arguments -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Assert-OneError $startErrors 'ArnMismatch' 'InvalidArgument'
        Assert-NothingWritten
        Get-ServiceTaskDefinition | Should -Be $before
    }

    It 'Undo refuses a -ToTaskDefinition ARN of another account and a service ARN of another region' {
        Reset-SimRequests
        Undo-EcsDeployment @target @aws -ToTaskDefinition 'arn:aws:ecs:eu-west-2:210987654321:task-definition/myservice-myapplication-task:1' -Confirm:$false -ErrorVariable undoErrors -ErrorAction SilentlyContinue
        Assert-OneError $undoErrors 'ArnMismatch' 'InvalidArgument'
        Undo-EcsDeployment -Cluster myservice -Service 'arn:aws:ecs:eu-west-1:123456789012:service/myservice/myservice-myapplication' @aws -ToTaskDefinition myservice-myapplication-task:1 -Confirm:$false -ErrorVariable undoErrors2 -ErrorAction SilentlyContinue
        Assert-OneError $undoErrors2 'ArnMismatch' 'InvalidArgument'
        Assert-NothingWritten
    }

    It 'deploys through ARNs of the connected place' {
        $result = Start-EcsRollingDeployment -Cluster "$arnBase`:cluster/myservice" -Service "$arnBase`:service/myservice/myservice-myapplication" @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $result.DeploymentId | Should -Not -BeNullOrEmpty
        Get-ServiceTaskDefinition | Should -Be $result.TaskDefinitionArn
    }

    It 'without -Region, the ARN chooses the region (over AWS_REGION)' {
        $noRegion = @{} + $aws
        $noRegion.Remove('Region')
        $saved = $env:AWS_REGION
        $env:AWS_REGION = 'us-east-1'
        try {
            $listed = @(Get-EcsDeployment -Cluster "$arnBase`:cluster/myservice" -Service myservice-myapplication @noRegion)
        }
        finally { $env:AWS_REGION = $saved }
        $listed.Count | Should -Be 1
        $listed[0].Region | Should -Be 'eu-west-2'
        $listed[0].Connection.Region | Should -Be 'eu-west-2'
    }
}

Describe 'values PowerShell would silently convert' {
    BeforeEach { Reset-Simulator }

    It 'refuses a <Name> as an -Environment value, naming its type' -TestCases @(
        @{ Name = 'hashtable'; Value = @{ a = 1 }; Type = 'System.Collections.Hashtable' }
        @{ Name = 'array'; Value = @(1, 2); Type = 'System.Object[]' }
        @{ Name = 'script block'; Value = { 'x' }; Type = 'System.Management.Automation.ScriptBlock' }
        @{ Name = 'custom object'; Value = [pscustomobject]@{ a = 1 }; Type = 'System.Management.Automation.PSCustomObject' }
    ) {
        param($Name, $Value, $Type)
        Reset-SimRequests
        Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -Environment @{ SETTINGS = $Value } -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Assert-OneError $startErrors 'InvalidEnvironmentValue' 'InvalidArgument'
        $startErrors[0].Exception.Message | Should -Match ([regex]::Escape("SETTINGS is a $Type"))
        Assert-NothingWritten
    }

    It 'sets strings, numbers and bools as their text' {
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -Environment @{ LEVEL = 'debug'; RATIO = 1.5; ON = $true } -WarningAction SilentlyContinue
        $environment = (Invoke-SimAws ecs describe-task-definition --task-definition $result.TaskDefinitionArn).taskDefinition.containerDefinitions[0].environment
        ($environment | Where-Object name -EQ 'LEVEL').value | Should -Be 'debug'
        ($environment | Where-Object name -EQ 'RATIO').value | Should -Be '1.5'
        ($environment | Where-Object name -EQ 'ON').value | Should -Be 'True'
    }

    It 'refuses an unquoted -Tag 5.0, 5.10 (numbers) with the hint to quote it' {
        Reset-SimRequests
        $out = Publish-EcrImage -RepositoryName myapplication -SourceTag 1.0 -Tag 5.0, 5.10 @aws -ErrorVariable publishErrors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Assert-OneError $publishErrors 'ImageTagIsNumber' 'InvalidArgument'
        $publishErrors[0].Exception.Message | Should -Match "Quote the tag"
        Assert-NothingWritten
        (Invoke-SimAws ecr list-images --repository-name myapplication).imageIds.imageTag | Should -Not -Contain '5'
    }

    It 'publishes the quoted tags as given' {
        $image = Publish-EcrImage -RepositoryName myapplication -SourceTag 1.0 -Tag '5.0', '5.10' @aws
        $image.Tags | Should -Contain '5.10'
        (Invoke-SimAws ecr list-images --repository-name myapplication).imageIds.imageTag | Should -Contain '5.10'
    }
}

Describe 'an image the repository does not have' {
    BeforeEach { Reset-Simulator }

    It 'refuses a missing tag (ImageNotFound) and names the tags that look close' {
        Reset-SimRequests
        $out = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.3" -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Assert-OneError $startErrors 'ImageNotFound' 'ObjectNotFound'
        $startErrors[0].Exception.Message | Should -Match "tag '2\.3'"
        $startErrors[0].Exception.Message | Should -Match 'look close: 2\.0, 2\.1, 2\.2, 1\.0\.'
        Get-SimRequestCount 'ECR.DescribeImages' | Should -Be 1
        Assert-NothingWritten
    }

    It 'refuses a missing digest' {
        Reset-SimRequests
        Start-EcsRollingDeployment @target @aws -Image "$repo@sha256:$('e' * 64)" -ErrorVariable startErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Assert-OneError $startErrors 'ImageNotFound' 'ObjectNotFound'
        Assert-NothingWritten
    }

    # A real run, not a skipped case: -SkipImageCheck is the switch that turns the image check off.
    It 'deploys the missing tag when the check is switched off, without asking ECR' {
        Reset-SimRequests
        $result = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.3" -SkipImageCheck -WarningAction SilentlyContinue
        $result.DeploymentId | Should -Not -BeNullOrEmpty
        $result.Image | Should -Be "$($repo):2.3"
        Get-SimRequestCount 'ECR.DescribeImages' | Should -Be 0
        Get-SimRequestCount 'ECR.ListImages' | Should -Be 0
        Get-SimRequestCount 'ECS.RegisterTaskDefinition' | Should -Be 1
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 1
    }

    It 'does not check an image of another registry' {
        Reset-SimRequests
        $result = Start-EcsRollingDeployment @target @aws -Image 'public.ecr.aws/docker/library/nginx:1.27' -WarningAction SilentlyContinue
        $result.DeploymentId | Should -Not -BeNullOrEmpty
        Get-SimRequestCount 'ECR.DescribeImages' | Should -Be 0
    }
}

Describe 'a repository URI where a repository name is expected' {
    BeforeEach { Reset-Simulator }

    It 'accepts the URI of the connected registry' {
        $image = Publish-EcrImage -RepositoryName $repo -SourceTag 1.0 -Tag promoted @aws
        $image.RepositoryName | Should -Be 'myapplication'
        (Invoke-SimAws ecr list-images --repository-name myapplication).imageIds.imageTag | Should -Contain 'promoted'
    }

    It 'refuses the URI of <Name> and says what was expected' -TestCases @(
        @{ Name = 'another region'; Uri = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/myapplication'; ErrorId = 'RepositoryNotInConnectedRegistry'; Hint = '-Region eu-west-1' }
        @{ Name = 'another account'; Uri = '210987654321.dkr.ecr.eu-west-2.amazonaws.com/myapplication'; ErrorId = 'RepositoryNotInConnectedRegistry'; Hint = 'account 123456789012' }
        @{ Name = 'another registry'; Uri = 'ghcr.io/acme/myapplication'; ErrorId = 'InvalidRepositoryName'; Hint = 'e.g. -RepositoryName myapplication' }
    ) {
        param($Name, $Uri, $ErrorId, $Hint)
        Reset-SimRequests
        Publish-EcrImage -RepositoryName $Uri -SourceTag 1.0 -Tag promoted @aws -ErrorVariable publishErrors -ErrorAction SilentlyContinue
        Assert-OneError $publishErrors $ErrorId 'InvalidArgument'
        $publishErrors[0].Exception.Message | Should -BeLike "*$Hint*"
        Assert-NothingWritten
    }
}

Describe 'services of another deployment controller' {
    BeforeEach { Reset-Simulator }

    It '<Cmdlet> refuses a <Type> service before writing' -TestCases @(
        @{ Cmdlet = 'Undo -ToTaskDefinition'; Type = 'CODE_DEPLOY' }
        @{ Cmdlet = 'Undo -ToTaskDefinition'; Type = 'EXTERNAL' }
        @{ Cmdlet = 'Undo'; Type = 'CODE_DEPLOY' }
        @{ Cmdlet = 'Start'; Type = 'CODE_DEPLOY' }
    ) {
        param($Cmdlet, $Type)
        $service = @{ Cluster = 'myservice'; Service = "legacy-$($Type.ToLowerInvariant())" }
        Invoke-SimAws ecs create-service --cluster myservice --service-name $service.Service --task-definition myservice-myapplication-task:1 --desired-count 1 --deployment-controller "type=$Type" | Out-Null
        (Invoke-SimAws ecs describe-services --cluster myservice --services $service.Service).services[0].deploymentController.type | Should -Be $Type
        Reset-SimRequests
        switch ($Cmdlet) {
            'Undo -ToTaskDefinition' { Undo-EcsDeployment @service @aws -ToTaskDefinition myservice-myapplication-task:1 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue }
            'Undo' { Undo-EcsDeployment @service @aws -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue }
            'Start' { Start-EcsRollingDeployment @service @aws -Image "$($repo):2.0" -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        }
        Assert-OneError $failures 'UnsupportedDeploymentController' 'NotImplemented'
        $failures[0].Exception.Message | Should -Match $Type
        Assert-NothingWritten
        Get-SimRequestCount 'ECS.StopServiceDeployment' | Should -Be 0
    }
}

Describe 'task definitions that do not exist or are INACTIVE' {
    BeforeEach { Reset-Simulator }

    It '<Cmdlet> names a task definition that does not exist (TaskDefinitionNotFound)' -TestCases @(
        @{ Cmdlet = 'Start' }
        @{ Cmdlet = 'Undo' }
    ) {
        param($Cmdlet)
        Reset-SimRequests
        if ($Cmdlet -eq 'Start') {
            Start-EcsRollingDeployment @target @aws -TaskDefinition myservice-myapplication-task:99 -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        else {
            Undo-EcsDeployment @target @aws -ToTaskDefinition myservice-myapplication-task:99 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        Assert-OneError $failures 'TaskDefinitionNotFound' 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match "'myservice-myapplication-task:99'"
        Assert-NothingWritten
    }

    It '<Cmdlet> refuses an INACTIVE revision (TaskDefinitionInactive)' -TestCases @(
        @{ Cmdlet = 'Start' }
        @{ Cmdlet = 'Undo' }
    ) {
        param($Cmdlet)
        $inactive = New-InactiveRevision
        (Invoke-SimAws ecs describe-task-definition --task-definition $inactive).taskDefinition.status | Should -Be 'INACTIVE'
        Reset-SimRequests
        if ($Cmdlet -eq 'Start') {
            Start-EcsRollingDeployment @target @aws -TaskDefinition $inactive -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        else {
            Undo-EcsDeployment @target @aws -ToTaskDefinition $inactive -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        Assert-OneError $failures 'TaskDefinitionInactive' 'InvalidOperation'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($inactive))
        Assert-NothingWritten
        Get-ServiceTaskDefinition | Should -Match 'myservice-myapplication-task:1$'
    }
}
