<#
.SYNOPSIS
    An ECS admin's session with EcsBlueGreen: look, dry-run, deploy, watch, and undo.
.DESCRIPTION
    Run it step by step (F8 in VS Code, or paste section by section). It uses your usual AWS setup:
    a profile from ~/.aws (here -ProfileName), or Set-AWSCredential / Set-DefaultAWSRegion from
    AWS.Tools, or the AWS_* environment variables. No credential is written here.
    Against the bundled simulator instead of AWS, add -EndpointUrl http://127.0.0.1:<port> and the
    simulator's test keys to $aws.
#>
param(
    [string] $Cluster = 'prod',
    [string] $Service = 'shop-web',
    [string] $Image = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/shop-web:2.1',
    [string] $ProfileName = 'prod-deployer',
    [string] $Region = 'eu-west-2'
)
$ErrorActionPreference = 'Stop'
Import-Module EcsBlueGreen

# The common AWS parameters, once. Objects on the pipeline carry this connection along, so the
# cmdlets further down talk to the same account and region without repeating it.
$aws = @{ ProfileName = $ProfileName; Region = $Region }

# 1. What is the service running, and is anything rolling out right now?
Get-EcsDeployment -Cluster $Cluster -Service $Service @aws
Get-EcsDeployment -Cluster $Cluster -Service $Service -History @aws |
    Select-Object -First 5 DeploymentId, Status, StartedAt, CompletedAt, StatusReason

# 2. Dry run: the task-definition diff (old image -> new image) and the pre-flight warnings
#    (circuit breaker off, mutable tag, 100/100 that would stall...). Nothing is written.
Start-EcsRollingDeployment -Cluster $Cluster -Service $Service -Image $Image -WhatIf @aws

# 3. The real thing. -Confirm asks once more before registering the revision and updating the service.
$deployment = Start-EcsRollingDeployment -Cluster $Cluster -Service $Service -Image $Image -Confirm @aws
$deployment | Format-List DeploymentId, TaskDefinitionArn, PreviousTaskDefinitionArn, Image, PreviousImage, CircuitBreaker

# 4. Watch: the service events stream in as they happen (the ECS console's Events tab, live), with a
#    progress bar of running/desired tasks. Ctrl+C stops watching; it changes nothing in AWS.
#    A bad outcome is written as an error; here we keep going to look at the evidence.
$result = $deployment | Wait-EcsSteadyState -FailFast -ErrorAction Continue
$result | Format-List Status, StatusReason, Duration, RunningCount, DesiredCount, CircuitBreaker

if ($result.Status -ne 'Succeeded') {
    # Why did it fail? Each stopped task with its reason and container exit codes, and the last events.
    $result.FailedTasks | Format-List TaskId, StoppedReason, StopCode, Containers
    $result.Events | Select-Object -Last 10 | Format-Table CreatedAt, Message -Wrap
}

# 5. Undo: back to the last deployment that succeeded (ECS's own rollback while still in flight).
#    ConfirmImpact is High, so PowerShell asks first; -WhatIf shows where it would go.
if ($result.Status -in 'Failed', 'TimedOut', 'Succeeded') {
    $result | Undo-EcsDeployment -WhatIf
    $rollback = $result | Undo-EcsDeployment
    if ($rollback) {
        $rollback | Wait-EcsSteadyState | Format-List Kind, Status, StatusReason, TaskDefinitionArn
    }
}
# (A RolledBack deployment needs no undo: ECS already went back.)
