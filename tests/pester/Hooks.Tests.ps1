# Wait-EcsSteadyState -Hook: a PowerShell check runs when ECS pauses a native deployment at a PAUSE hook,
# on the strategies scenario. Its listeners answer real HTTP on loopback by their rules' weights, with the
# image of the task that answered in x-simulator-image, so a check sees green on the test listener
# before production does. Image 2.3 passes its health checks and answers every request with 500.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(100); Timeout = [TimeSpan]::FromMinutes(10) }
    . (Join-Path $PSScriptRoot 'NativeTestHelpers.ps1')

    function Start-Release([string] $Service, [string] $Tag, [string] $PauseAt, [int] $HookTimeout = 30) {
        Start-EcsDeployment -Cluster myservice -Service $Service @aws -Image "$($repo):$Tag" -PauseAt $PauseAt -HookTimeout $HookTimeout -WarningAction SilentlyContinue
    }

    # Where a listener rule answers, read independently with the aws CLI: http://<DNS name>:<listener port>/.
    function Get-RuleUrl([string] $RuleArn) {
        $listenerArn = $RuleArn -replace ':listener-rule/', ':listener/' -replace '/[^/]+$', ''
        $listener = (Invoke-SimAws elbv2 describe-listeners --listener-arns $listenerArn).Listeners[0]
        $dns = (Invoke-SimAws elbv2 describe-load-balancers --load-balancer-arns $listener.LoadBalancerArn).LoadBalancers[0].DNSName
        "http://$($dns):$($listener.Port)/"
    }

    function Get-AdvancedConfiguration([string] $Service) {
        (Invoke-SimAws ecs describe-services --cluster myservice --services $Service).services[0].loadBalancers[0].advancedConfiguration
    }

    # Asks the production listener again and again on a thread of its own until stopped (at most 3 minutes),
    # keeping the image of every answer: proof of what customers were served during the whole deployment.
    function Start-ProductionProbe([string] $Url) {
        $state = [hashtable]::Synchronized(@{ Stop = $false; Images = [System.Collections.Concurrent.ConcurrentQueue[string]]::new() })
        $job = Start-ThreadJob -ArgumentList $state, $Url -ScriptBlock {
            param($state, $url)
            $until = [DateTime]::UtcNow.AddMinutes(3)
            while (-not $state.Stop -and [DateTime]::UtcNow -lt $until) {
                try {
                    $r = Invoke-WebRequest -Uri $url -SkipHttpErrorCheck -TimeoutSec 5
                    $state.Images.Enqueue("$($r.Headers['x-simulator-image'])")
                }
                catch { $state.Images.Enqueue('no answer') }
                Start-Sleep -Milliseconds 20
            }
        }
        [pscustomobject]@{ State = $state; Job = $job }
    }

    function Stop-ProductionProbe($Probe) {
        $Probe.State.Stop = $true
        $Probe.Job | Wait-Job -Timeout 30 | Remove-Job -Force
        @($Probe.State.Images.ToArray())
    }
}

Describe 'Wait-EcsSteadyState -Hook' {
    BeforeEach {
        Reset-Simulator -Scenario strategies
        Set-SimTimeScale 5
    }
    AfterEach { Set-SimTimeScale 60 }

    It 'answers CONTINUE when a blue/green smoke test on the test listener passes; the release Succeeds with every stage in its timeline' {
        $advanced = Get-AdvancedConfiguration myservice-bluegreen
        $testUrl = Get-RuleUrl $advanced.testListenerRule
        $productionUrl = Get-RuleUrl $advanced.productionListenerRule
        $seen = [System.Collections.Generic.List[object]]::new()
        $hooks = @{
            PostTestTrafficShift = {
                param($deployment)
                $test = Invoke-WebRequest -Uri $deployment.TestEndpoint.Url -Headers $deployment.TestEndpoint.Headers
                $production = Invoke-WebRequest -Uri $deployment.ProductionEndpoint.Url
                $seen.Add([pscustomobject]@{
                        Stage = $deployment.LifecycleStage; Status = "$($deployment.Status)"; Hook = $deployment.PendingHook.Stage
                        TestUrl = $deployment.TestEndpoint.Url; TestHeaders = $deployment.TestEndpoint.Headers; ProductionUrl = $deployment.ProductionEndpoint.Url
                        TestImage = "$($test.Headers['x-simulator-image'])"; ProductionImage = "$($production.Headers['x-simulator-image'])"
                        TestWeight = $deployment.TestTrafficWeight; ProductionWeight = $deployment.ProductionTrafficWeight
                    })
                "$($test.Headers['x-simulator-image'])" -eq '2.0'
            }
        }
        $started = Start-Release myservice-bluegreen '2.0' PostTestTrafficShift
        Reset-SimRequests
        $result = $started | Wait-EcsSteadyState @wait @aws -Hook $hooks

        $result.Status | Should -Be 'Succeeded'
        $result.LifecycleStage | Should -Be 'CLEAN_UP'
        (@($result.Stages | ForEach-Object Stage) -join ',') | Should -Be 'PRE_SCALE_UP,SCALE_UP,POST_SCALE_UP,TEST_TRAFFIC_SHIFT,POST_TEST_TRAFFIC_SHIFT,PRODUCTION_TRAFFIC_SHIFT,POST_PRODUCTION_TRAFFIC_SHIFT,BAKE_TIME,CLEAN_UP'
        $seen.Count | Should -Be 1
        $seen[0].Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $seen[0].Hook | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $seen[0].Status | Should -Be 'InProgress'
        $seen[0].TestUrl | Should -Be $testUrl
        $seen[0].ProductionUrl | Should -Be $productionUrl
        $seen[0].TestHeaders.Count | Should -Be 1
        $seen[0].TestHeaders['x-test-traffic'] | Should -Be 'true'
        $seen[0].TestImage | Should -Be '2.0'
        $seen[0].ProductionImage | Should -Be '1.0'
        $seen[0].TestWeight | Should -Be 100
        $seen[0].ProductionWeight | Should -Be 0
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 1
        $hook = @($result.Hooks)
        $hook.Count | Should -Be 1
        $hook[0].Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $hook[0].Action | Should -Be 'CONTINUE'
        $hook[0].Status | Should -Be 'SUCCEEDED'
        (Get-ServiceDeployment $result.ServiceDeploymentArn).lifecycleHookDetails[0].status | Should -Be 'SUCCEEDED'
    }

    It 'rolls back at POST_TEST_TRAFFIC_SHIFT with the failing smoke test''s message, and production never answers from the new image' {
        $advanced = Get-AdvancedConfiguration myservice-bluegreen
        $probe = Start-ProductionProbe (Get-RuleUrl $advanced.productionListenerRule)
        try {
            $hooks = @{
                POST_TEST_TRAFFIC_SHIFT = {
                    param($deployment)
                    $r = Invoke-WebRequest -Uri $deployment.TestEndpoint.Url -Headers $deployment.TestEndpoint.Headers -SkipHttpErrorCheck
                    if ($r.StatusCode -ne 200) { throw "smoke test: image $($r.Headers['x-simulator-image']) answered $($r.StatusCode)" }
                }
            }
            $started = Start-Release myservice-bluegreen '2.3' PostTestTrafficShift
            Reset-SimRequests
            $result = $started | Wait-EcsSteadyState @wait @aws -Hook $hooks -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { $served = Stop-ProductionProbe $probe }

        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'Hook'
        $result.Verdict.Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $result.Verdict.Hook.Stage | Should -Be 'POST_TEST_TRAFFIC_SHIFT'
        $result.Verdict.Hook.TargetType | Should -Be 'PAUSE'
        $result.Verdict.Hook.Action | Should -Be 'ROLLBACK'
        $result.Verdict.Hook.Message | Should -Be 'the -Hook check PostTestTrafficShift failed: smoke test: image 2.3 answered 500'
        $result.StatusReason | Should -Match ([regex]::Escape('smoke test: image 2.3 answered 500'))
        @($failures).Count | Should -Be 1
        "$($failures[0])" | Should -Match ([regex]::Escape('smoke test: image 2.3 answered 500'))
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 1
        (Get-ServiceDeployment $result.ServiceDeploymentArn).lifecycleHookDetails[0].status | Should -Be 'FAILED'
        # Never a customer answer from 2.3: every production answer came from blue, before and after the rollback.
        $served.Count | Should -BeGreaterThan 20
        (@($served | Sort-Object -Unique) -join ',') | Should -Be '1.0'
        $weights = Get-ProductionWeights myservice-bluegreen
        "blue $($weights.Blue), green $($weights.Green)" | Should -Be 'blue 100, green 0'
    }

    It 'gates a canary at each step with the step and weights, and a failing step-2 check rolls it back with production on blue' {
        $steps = [System.Collections.Generic.List[string]]::new()
        $hooks = @{
            PreProductionTrafficShift = {
                param($deployment)
                $green = 0
                for ($i = 0; $i -lt 10; $i++) {
                    if ("$((Invoke-WebRequest -Uri $deployment.ProductionEndpoint.Url).Headers['x-simulator-image'])" -eq '2.0') { $green++ }
                }
                $steps.Add("step $($deployment.TrafficStep)/$($deployment.TrafficStepCount) $($deployment.ProductionTrafficWeight)->$($deployment.NextProductionTrafficWeight), green $green/10")
                if ($deployment.TrafficStep -eq 2) { throw "canary: $green of 10 answers from 2.0 had errors" }
            }
        }
        $started = Start-Release myservice-canary '2.0' PreProductionTrafficShift
        Reset-SimRequests
        $result = $started | Wait-EcsSteadyState @wait @aws -Hook $hooks -ErrorAction SilentlyContinue

        ($steps -join '; ') | Should -Be 'step 1/2 0->10, green 0/10; step 2/2 10->100, green 1/10'
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Cause | Should -Be 'Hook'
        $result.Verdict.Hook.Stage | Should -Be 'PRE_PRODUCTION_TRAFFIC_SHIFT'
        $result.Verdict.Hook.Message | Should -Be 'the -Hook check PreProductionTrafficShift failed: canary: 1 of 10 answers from 2.0 had errors'
        (@($result.Hooks | ForEach-Object { "$($_.Stage) $($_.Action) $($_.Status)" }) -join '; ') |
            Should -Be 'PRE_PRODUCTION_TRAFFIC_SHIFT CONTINUE SUCCEEDED; PRE_PRODUCTION_TRAFFIC_SHIFT ROLLBACK FAILED'
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 2
        $weights = Get-ProductionWeights myservice-canary
        "blue $($weights.Blue), green $($weights.Green)" | Should -Be 'blue 100, green 0'
    }

    It 'treats $false and a written error as a failed check' -ForEach @(
        @{ Name = '$false'; Check = { param($deployment) $false }; Message = 'the -Hook check PostTestTrafficShift returned $false' }
        @{ Name = 'Write-Error'; Check = { param($deployment) Write-Error 'smoke test: login page missing'; 'not reached' }; Message = 'the -Hook check PostTestTrafficShift failed: smoke test: login page missing' }
    ) {
        $result = Start-Release myservice-bluegreen '2.0' PostTestTrafficShift |
            Wait-EcsSteadyState @wait @aws -Hook @{ PostTestTrafficShift = $Check } -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Hook.Action | Should -Be 'ROLLBACK'
        $result.Verdict.Hook.Message | Should -Be $Message
    }

    It 'fails a check written in a module whose error preference lets Write-Error go on' {
        # A scriptblock bound to a module's session state does not see the caller's error preference.
        $module = New-Module -ScriptBlock { $script:check = { param($deployment) Write-Error 'from a module: login page missing'; $true } }
        $check = & $module { $script:check }
        $result = Start-Release myservice-bluegreen '2.0' PostTestTrafficShift |
            Wait-EcsSteadyState @wait @aws -Hook @{ PostTestTrafficShift = $check } -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'RolledBack'
        $result.Verdict.Hook.Action | Should -Be 'ROLLBACK'
        $result.Verdict.Hook.Message | Should -Be 'the -Hook check PostTestTrafficShift failed: from a module: login page missing'
    }

    It 'stops a check that outlasts -Timeout: the wait ends TimedOut and nothing is sent' {
        Set-SimTimeScale 60
        $marks = [System.Collections.Generic.List[string]]::new()
        $hang = { param($deployment) $marks.Add('started'); Start-Sleep -Seconds 600; $marks.Add('finished') }
        $started = Start-Release myservice-bluegreen '2.0' PostTestTrafficShift
        Reset-SimRequests
        $result = $started | Wait-EcsSteadyState -PollInterval 00:00:00.100 -Timeout 00:00:15 @aws -Hook @{ PostTestTrafficShift = $hang } -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'TimedOut'
        ($marks -join ',') | Should -Be 'started'
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 0
        (Get-ServiceDeployment $started.ServiceDeploymentArn).lifecycleHookDetails[0].status | Should -Be 'AWAITING_ACTION'
    }

    It 'stops a running check on Ctrl+C, and sends nothing' {
        $marker = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-check-$([guid]::NewGuid().ToString('n')).txt"
        $started = Start-Release myservice-bluegreen '2.0' PostTestTrafficShift
        Reset-SimRequests
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule((Join-Path (Get-Module EcsBlueGreen).ModuleBase 'EcsBlueGreen.psd1'))
        $ps = [powershell]::Create($iss)
        $hang = [scriptblock]::Create("param(`$deployment) [IO.File]::WriteAllText('$marker', 'started'); Start-Sleep -Seconds 600")
        $null = $ps.AddCommand('Wait-EcsSteadyState').AddParameter('Deployment', $started).AddParameter('PollInterval', [TimeSpan]::FromMilliseconds(100)).
            AddParameter('Hook', @{ PostTestTrafficShift = $hang }).AddParameter('AccessKey', $aws.AccessKey).AddParameter('SecretKey', $aws.SecretKey)
        $handle = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            while (-not (Test-Path $marker) -and -not $handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Test-Path $marker | Should -BeTrue -Because 'the check must be running when the wait is stopped'
            $ps.BeginStop($null, $null).AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'a stop ends a running check'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 0
        }
        finally {
            $ps.Dispose()
            Remove-Item $marker -ErrorAction SilentlyContinue
        }
    }

    It 'says a -Hook check will not run when the deployment has no PAUSE hook at its stage, and never runs it' {
        $ran = [System.Collections.Generic.List[string]]::new()
        $started = Start-EcsDeployment -Cluster myservice -Service myservice-bluegreen @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        $result = $started | Wait-EcsSteadyState @wait @aws -Hook @{ PostScaleUp = { param($d) $ran.Add('ran') } } -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Status | Should -Be 'Succeeded'
        $ran.Count | Should -Be 0
        @($warnings | Where-Object { "$_" -match '-Hook PostScaleUp will not run: this deployment has no PAUSE hook at POST_SCALE_UP' }).Count | Should -Be 1
    }

    It 'refuses <Name> before any call, with InvalidHook' -ForEach @(
        @{ Name = 'a stage that takes no PAUSE hook'; Hook = @{ TestTrafficShift = { $true } }; Text = 'ECS takes no PAUSE hook at TEST_TRAFFIC_SHIFT' }
        @{ Name = 'a key that is no stage'; Hook = @{ Lunch = { $true } }; Text = "-Hook key 'Lunch' names no lifecycle hook stage" }
        @{ Name = 'one stage in two spellings'; Hook = [ordered]@{ PostScaleUp = { $true }; POST_SCALE_UP = { $true } }; Text = 'names POST_SCALE_UP twice' }
        @{ Name = 'a value that is no scriptblock'; Hook = @{ PostScaleUp = 'Invoke-SmokeTest' }; Text = '-Hook PostScaleUp must be a scriptblock' }
    ) {
        Reset-SimRequests
        $caught = $null
        try { Wait-EcsSteadyState -Cluster myservice -Service myservice-bluegreen @aws @wait -Hook $Hook -ErrorAction Stop }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidHook,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$caught" | Should -Match ([regex]::Escape($Text))
        (@((Get-SimRequestLog)).Count) | Should -Be 0
    }

    It 'leaves a hook whose runner died to ECS, which rolls back at the hook timeout; the next Wait -Cluster -Service says so in a warning' {
        $marker = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-hook-$([guid]::NewGuid().ToString('n')).txt"
        $pwsh = @(Get-PwshCommand)
        $script = @"
Import-Module EcsBlueGreen
Start-EcsDeployment -Cluster myservice -Service myservice-bluegreen -EndpointUrl '$(Get-SimEndpoint)' -Image '$($repo):2.0' -PauseAt PostTestTrafficShift -HookTimeout 1 -WarningAction SilentlyContinue |
    Wait-EcsSteadyState -PollInterval 00:00:00.100 -Hook @{ PostTestTrafficShift = { [IO.File]::WriteAllText('$marker', 'running'); Start-Sleep -Seconds 600 } }
"@
        $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) { $info.ArgumentList.Add($a) }
        $info.Environment['AWS_ACCESS_KEY_ID'] = $aws.AccessKey
        $info.Environment['AWS_SECRET_ACCESS_KEY'] = $aws.SecretKey
        $info.Environment['AWS_REGION'] = 'eu-west-2'
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true
        $runner = [Diagnostics.Process]::Start($info)
        try {
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            while (-not (Test-Path $marker) -and -not $runner.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Test-Path $marker | Should -BeTrue -Because 'the check must have started before its runner dies'
        }
        finally {
            if (-not $runner.HasExited) { $runner.Kill($true) }
            $runner.WaitForExit()
            Remove-Item $marker -ErrorAction SilentlyContinue
        }
        Reset-SimRequests

        # ECS holds the deployment until the hook's 1-minute timeout (12 s here), then rolls it back.
        $arn = (Invoke-SimAws ecs list-service-deployments --cluster myservice --service myservice-bluegreen).serviceDeployments[0].serviceDeploymentArn
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while ((Get-ServiceDeployment $arn).status -eq 'IN_PROGRESS' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }

        $sd = Get-ServiceDeployment $arn
        $sd.lifecycleHookDetails[0].status | Should -Be 'TIMED_OUT'
        $hookId = $sd.lifecycleHookDetails[0].hookId
        $results = @(Wait-EcsSteadyState -Cluster myservice -Service myservice-bluegreen @aws @wait -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures)
        # The service's deployment is the rollback that put 1.0 back; the one ECS rolled back is said, with who did it.
        (@($results | ForEach-Object { "$($_.Kind) $($_.Status)" }) -join ', ') | Should -Be 'Rollback Succeeded'
        @($failures).Count | Should -Be 0
        $said = @($warnings | Where-Object { "$_" -match 'its newest deployment' })
        $said.Count | Should -Be 1
        "$($said[0])" | Should -Match "^myservice/myservice-bluegreen: its newest deployment ecs-svc/\d+ ended RolledBack: Rolled back by the timeout of the lifecycle hook PAUSE $hookId at POST_TEST_TRAFFIC_SHIFT \(nobody answered it; its timeout action is ROLLBACK\)"
        Get-SimRequestCount 'ECS.ContinueServiceDeployment' | Should -Be 0
    }
}
