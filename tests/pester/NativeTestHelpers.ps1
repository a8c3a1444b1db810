# Helpers of the native-strategy suites (Approval, UndoNative, Hooks) on the simulator's strategies scenario;
# dot-sourced after TestHelpers.ps1, with $aws, $repo and $wait set by the suite.

# A second pipeline job gets its keys as a CI would: environment variables, never its command line.
function Get-ChildAwsEnvironment {
    @{
        TF_BUILD = $null; GITHUB_ACTIONS = $null; JENKINS_URL = $null
        AWS_ACCESS_KEY_ID = $aws.AccessKey; AWS_SECRET_ACCESS_KEY = $aws.SecretKey; AWS_REGION = 'eu-west-2'
    }
}

# A blue/green release of 2.0 with a PAUSE hook after the test traffic shift, waited on until ECS holds it there.
function Start-PausedRelease {
    Start-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" `
        -PauseAt PostTestTrafficShift -HookTimeout 30 -WarningAction SilentlyContinue |
        Wait-EcsSteadyState @wait -WarningAction SilentlyContinue
}

function Get-ServiceDeployment([string] $Arn) {
    (Invoke-SimAws ecs describe-service-deployments --service-deployment-arns $Arn).serviceDeployments[0]
}

# The production listener rule's weights of the blue (primary) and green (alternate) target groups, read with the aws CLI.
function Get-ProductionWeights([string] $Service = 'myservice-bluegreen') {
    $lb = (Invoke-SimAws ecs describe-services --cluster myservice --services $Service).services[0].loadBalancers[0]
    $rule = (Invoke-SimAws elbv2 describe-rules --rule-arns $lb.advancedConfiguration.productionListenerRule).Rules[0]
    $groups = @($rule.Actions | Where-Object Type -EQ 'forward' | ForEach-Object { $_.ForwardConfig.TargetGroups })
    [pscustomobject]@{
        Blue  = [int]($groups | Where-Object TargetGroupArn -EQ $lb.targetGroupArn).Weight
        Green = [int]($groups | Where-Object TargetGroupArn -EQ $lb.advancedConfiguration.alternateTargetGroupArn).Weight
    }
}
