# The types users see can be named in a script although the core loads in the module's private load
# context, and objects made with AWS_ENDPOINT_URL_ECS carry that endpoint to the next cmdlet.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
}

Describe 'Output types by name' {
    BeforeEach { Reset-Simulator }

    It 'every [OutputType] of every cmdlet resolves by its full name to the very type the cmdlet declares' {
        $declared = @(Get-Command -Module EcsBlueGreen | ForEach-Object OutputType | ForEach-Object Type | Sort-Object FullName -Unique)
        $declared.FullName | Should -Be @('EcsBlueGreen.Deployments.EcsDeployment', 'EcsBlueGreen.Images.EcrImage')
        foreach ($type in $declared) {
            ($type.FullName -as [type]) | Should -Be $type -Because "$($type.FullName) is an output type"
        }
    }

    It 'a deployment is -is [EcsBlueGreen.Deployments.EcsDeployment], binds to a param block of that type, and its Verdict is a [EcsBlueGreen.Deployments.Verdict]' {
        $deployment = @(Get-EcsDeployment @target @aws)[0]
        $deployment -is [EcsBlueGreen.Deployments.EcsDeployment] | Should -BeTrue
        $deployment.Verdict -is [EcsBlueGreen.Deployments.Verdict] | Should -BeTrue
        $deployment.CircuitBreaker -is [EcsBlueGreen.Deployments.CircuitBreakerState] | Should -BeTrue
        $deployment.Connection -is [EcsBlueGreen.Pipeline.AwsConnection] | Should -BeTrue
        $deployment.Status -eq [EcsBlueGreen.Deployments.DeploymentStatus]::Succeeded | Should -BeTrue
        $deployment.Verdict.Cause | Should -Be ([EcsBlueGreen.Deployments.VerdictCause]::Completed)

        function Get-DeploymentName { param([Parameter(Mandatory)][EcsBlueGreen.Deployments.EcsDeployment] $Deployment) "$($Deployment.Service) $($Deployment.DeploymentId)" }
        Get-DeploymentName -Deployment $deployment | Should -Be "myservice-myapplication $($deployment.DeploymentId)"
        { Get-DeploymentName -Deployment (Get-Date) } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Get-DeploymentName'
        (Get-Member -InputObject $deployment).TypeName | Select-Object -First 1 | Should -Be 'EcsBlueGreen.Deployments.EcsDeployment'
    }

    It 'the names work after Import-Module twice and -Force, are gone after Remove-Module and come back with the next import' {
        $script = @'
$ErrorActionPreference = 'Stop'
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
function Count { @($accelerators::Get.Keys | Where-Object { $_ -like 'EcsBlueGreen.*' }).Count }
Import-Module EcsBlueGreen
Import-Module EcsBlueGreen
"twice=$(Count) $(('EcsBlueGreen.Deployments.EcsDeployment' -as [type]).FullName)"
Import-Module EcsBlueGreen -Force
"force=$(Count) $(('EcsBlueGreen.Deployments.Verdict' -as [type]).FullName)"
$type = [EcsBlueGreen.Deployments.EcsDeployment]
Remove-Module EcsBlueGreen
"removed=$(Count)"
Import-Module EcsBlueGreen
"again=$(Count) $([EcsBlueGreen.Deployments.EcsDeployment] -eq $type)"
'@
        $child = Invoke-ChildPwsh $script
        $child.ExitCode | Should -Be 0 -Because $child.Output
        $lines = @($child.Output -split "`r?`n" | Where-Object { $_ })
        $count = @($accelerators::Get.Keys | Where-Object { $_ -like 'EcsBlueGreen.*' }).Count
        $count | Should -BeGreaterOrEqual 2
        $lines | Should -Be @(
            "twice=$count EcsBlueGreen.Deployments.EcsDeployment"
            "force=$count EcsBlueGreen.Deployments.Verdict"
            'removed=0'
            "again=$count True"
        )
    }
}

Describe 'AWS_ENDPOINT_URL_ECS travels with the objects' {
    BeforeEach { Reset-Simulator }
    AfterEach { Remove-Item Env:AWS_ENDPOINT_URL_ECS -ErrorAction SilentlyContinue }

    It 'an object made with AWS_ENDPOINT_URL_ECS (no -EndpointUrl) carries it, and the next cmdlet talks there though the variable changed' {
        $env:AWS_ENDPOINT_URL_ECS = Get-SimEndpoint
        $noEndpoint = @{ Region = 'eu-west-2'; AccessKey = $SimAccessKey; SecretKey = $SimSecretKey }
        $deployment = @(Get-EcsDeployment @target @noEndpoint)[0]
        $deployment.EndpointUrl | Should -Be (Get-SimEndpoint)
        $deployment.Connection.EndpointUrlFor('Ecs') | Should -Be (Get-SimEndpoint)
        "$($deployment.Connection)" | Should -BeLike "eu-west-2 via $(Get-SimEndpoint) (*"

        # A loopback port nothing listens on: without the carried endpoint the next command fails there.
        $env:AWS_ENDPOINT_URL_ECS = 'http://127.0.0.1:9'
        Reset-SimRequests
        $again = @($deployment | Get-EcsDeployment -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -BeNullOrEmpty
        $again.Count | Should -Be 1
        $again[0].DeploymentId | Should -Be $deployment.DeploymentId
        $again[0].EndpointUrl | Should -Be (Get-SimEndpoint)
        Get-SimRequestCount 'ECS.DescribeServices' | Should -Be 1
    }
}
