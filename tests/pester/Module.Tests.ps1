# The module as installed from the local PSResourceGet repository: manifest, isolation from
# AWS.Tools' AWSSDK, views, tab completion, CI-aware output, cancellation and secrets.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:module = Get-Module EcsBlueGreen
    $script:aws = Get-SimAwsParameters
    $script:repo = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'
    $script:target = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $script:wait = @{ PollInterval = [TimeSpan]::FromMilliseconds(250); Timeout = [TimeSpan]::FromMinutes(3) }
}

Describe 'the installed module' {
    It 'came from the local repository through Install-PSResource' {
        $installed = Get-InstalledPSResource -Name EcsBlueGreen
        $installed.Repository | Should -Be 'EcsBlueGreenLocal'
        $module.ModuleBase | Should -BeLike "$($installed.InstalledLocation)*"
    }

    It 'has a valid manifest for both editions with explicit exports' {
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'EcsBlueGreen.psd1')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $data = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'EcsBlueGreen.psd1')
        $data.CmdletsToExport | Should -Not -Contain '*'
        @($data.FunctionsToExport).Count | Should -Be 0
        @($data.AliasesToExport) | Should -Be @('Start-EcsDeployment')
        ($module.ExportedAliases.Keys | Sort-Object) | Should -Be ($data.AliasesToExport | Sort-Object)
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($data.CmdletsToExport | Sort-Object)
        $data.PrivateData.PSData.Tags | Should -Contain 'ECS'
        $data.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'keeps its dependencies in the Dependencies folder, out of the module root' {
        Get-ChildItem $module.ModuleBase -Filter *.dll | ForEach-Object Name | Should -Be 'EcsBlueGreen.PowerShell.dll'
        Join-Path $module.ModuleBase 'Dependencies/AWSSDK.Core.dll' | Should -Exist
    }

    It 'declares an output type on every cmdlet' {
        foreach ($command in Get-Command -Module EcsBlueGreen) {
            $command.OutputType.Name | Should -Not -BeNullOrEmpty -Because "$($command.Name) declares [OutputType]"
        }
    }

    It 'supports -WhatIf and -Confirm on every cmdlet that changes something' {
        foreach ($name in 'Start-EcsRollingDeployment', 'Undo-EcsDeployment', 'Approve-EcsDeployment', 'Publish-EcrImage') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command $name).Parameters.Keys | Should -Contain 'Confirm'
        }
    }
}

Describe 'dependency isolation' {
    BeforeAll { Reset-Simulator }

    It 'signs and sends a request in a session that already loaded AWSSDK.Core 3.7 (as AWS.Tools does)' {
        $env:ECSBG_TEST_AWSSDK37 | Should -Exist
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$($env:ECSBG_TEST_AWSSDK37)'
'preloaded ' + ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { `$_.GetName().Version })
Import-Module EcsBlueGreen
`$d = Get-EcsDeployment -Cluster myservice -Service myservice-myapplication -Region eu-west-2 -EndpointUrl '$(Get-SimEndpoint)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'
'status ' + `$d[0].Status
'loaded ' + ((([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { `$_.GetName().Version }) | Sort-Object) -join ',')
"@
        $result.Output | Should -Match 'preloaded 3\.3\.0\.0'
        $result.Output | Should -Match 'status Succeeded'
        $result.Output | Should -Match 'loaded 3\.3\.0\.0,4\.0\.0\.0' -Because 'both AWSSDK.Core versions live side by side'
        $result.ExitCode | Should -Be 0
    }

    It 'is needed: the same core library loaded without the private context fails after AWSSDK.Core 3.7' {
        $core = Join-Path $module.ModuleBase 'Dependencies/EcsBlueGreen.dll'
        $result = Invoke-ChildPwsh -Script @"
Add-Type -Path '$($env:ECSBG_TEST_AWSSDK37)'
Add-Type -Path '$core'
try {
    `$options = [EcsBlueGreen.Aws.AwsConnectionOptions]::new()
    `$options.Region = 'eu-west-2'; `$options.AccessKey = 'AKIAIOSFODNN7EXAMPLE'; `$options.SecretKey = 'x'
    [EcsBlueGreen.Aws.AwsSession]::Resolve(`$options).GetCredentialsAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult() | Out-Null
    'no conflict'
} catch { 'conflict: ' + `$_.Exception.GetType().Name }
"@
        $result.Output | Should -Match 'conflict:'
    }

    It 'fails the import, naming the file and the folder, when a dependency is missing' {
        $copy = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-damaged-$([guid]::NewGuid().ToString('N'))"
        Copy-Item -Recurse $module.ModuleBase $copy
        try {
            Remove-Item (Join-Path $copy 'Dependencies/System.Text.Json.dll')
            $result = Invoke-ChildPwsh -Script "try { Import-Module '$copy/EcsBlueGreen.psd1' -ErrorAction Stop; 'imported' } catch { 'refused: ' + `$_.Exception.GetType().Name + ': ' + `$_.Exception.Message }"
            $result.Output.Trim() | Should -Be ("refused: ModuleDependencyMissingException: EcsBlueGreen cannot load: System.Text.Json.dll is missing from the module's folder $(Join-Path $copy 'Dependencies'). " +
                'The installation is incomplete; reinstall the module (Install-PSResource EcsBlueGreen -Reinstall, or Install-Module EcsBlueGreen -Force).')
        }
        finally { Remove-Item -Recurse -Force $copy -ErrorAction SilentlyContinue }
    }
}

Describe 'format views' {
    It 'shows service, status, image tag, running/desired and reason first' {
        $data = Get-FormatData -TypeName 'EcsBlueGreen.Deployments.EcsDeployment'
        $data | Should -Not -BeNullOrEmpty
        Reset-Simulator
        $deployment = Get-EcsDeployment @target @aws
        $table = $deployment | Format-Table | Out-String
        $table | Should -Match 'Service\s+Kind\s+Status\s+Image\s+Running'
        $table | Should -Match 'myservice-myapplication\s+Deployment\s+Succeeded'
        $table | Should -Match '2/2'
        ($deployment | Format-List | Out-String) | Should -Match 'Service\s+:\s+myservice/myservice-myapplication'
        Get-FormatData -TypeName 'EcsBlueGreen.Images.EcrImage' | Should -Not -BeNullOrEmpty
    }
}

Describe 'tab completion' {
    BeforeAll { Reset-Simulator -Scenario 'fleet20' }

    It 'completes -Cluster from the simulator' {
        $line = "Get-EcsDeployment -Region eu-west-2 -EndpointUrl $(Get-SimEndpoint) -AccessKey $($aws.AccessKey) -SecretKey '$($aws.SecretKey)' -Cluster my"
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain 'myservice'
    }

    It 'completes -Service within the chosen cluster, filtered by the word typed' {
        $line = "Start-EcsRollingDeployment -Region eu-west-2 -EndpointUrl $(Get-SimEndpoint) -AccessKey $($aws.AccessKey) -SecretKey '$($aws.SecretKey)' -Cluster myservice -Service fleet-1"
        $completions = @(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'fleet-10'
        $completions | Should -Not -Contain 'myservice-myapplication'
        $completions.Count | Should -Be 10 -Because 'fleet-10 to fleet-19'
    }

    It 'completes -RepositoryName and -ContainerName' {
        $common = "-Region eu-west-2 -EndpointUrl $(Get-SimEndpoint) -AccessKey $($aws.AccessKey) -SecretKey '$($aws.SecretKey)'"
        $line = "Publish-EcrImage $common -ArchivePath x -Tag 1 -RepositoryName my"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'myapplication'
        $line = "Start-EcsRollingDeployment $common -Cluster myservice -Service myservice-myapplication -Image x -ContainerName "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'myapplication'
    }

    It 'returns nothing, and no error, when AWS cannot be reached' {
        $line = "Get-EcsDeployment -Region eu-west-2 -EndpointUrl http://127.0.0.1:9 -AccessKey a -SecretKey b -Cluster "
        $Error.Clear()
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($completions.CompletionMatches | Where-Object ResultType -EQ 'ParameterValue').Count | Should -Be 0
        $Error.Count | Should -Be 0
    }
}

Describe 'CI-aware output' {
    BeforeEach { Reset-Simulator }

    It '<Platform>: a failed wait prints <ErrorPrefix> and a collapsible group, and no progress' -TestCases @(
        @{ Platform = 'Azure DevOps'; Variable = 'TF_BUILD'; Value = 'True'; ErrorPrefix = '##vso[task.logissue type=error]'; GroupStart = '##[group]'; GroupEnd = '##[endgroup]' }
        @{ Platform = 'GitHub Actions'; Variable = 'GITHUB_ACTIONS'; Value = 'true'; ErrorPrefix = '::error::'; GroupStart = '::group::'; GroupEnd = '::endgroup::' }
    ) {
        param($Platform, $Variable, $Value, $ErrorPrefix, $GroupStart, $GroupEnd)
        $result = Invoke-ChildPwsh -Environment @{ $Variable = $Value } -Script @"
Import-Module EcsBlueGreen
Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -Image '$($repo):2.1' -Region eu-west-2 -EndpointUrl '$(Get-SimEndpoint)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' -WarningAction SilentlyContinue |
    Wait-EcsSteadyState -PollInterval 0:0:0.25 -ErrorAction SilentlyContinue | Out-Null
"@
        $lines = $result.Output -split "`r?`n"
        ($lines | Where-Object { $_.StartsWith($ErrorPrefix) }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_.StartsWith($ErrorPrefix) }) | Should -Match 'RolledBack'
        ($lines | Where-Object { $_.StartsWith($GroupStart) }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -eq $GroupEnd }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^myservice/myservice-myapplication: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(service myservice-myapplication\) has started' }) | Should -Not -BeNullOrEmpty
    }

    It 'interactively writes no CI annotations' {
        $result = Invoke-ChildPwsh -Environment @{ TF_BUILD = $null; GITHUB_ACTIONS = $null; JENKINS_URL = $null } -Script @"
Import-Module EcsBlueGreen
Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -Image '$($repo):2.1' -Region eu-west-2 -EndpointUrl '$(Get-SimEndpoint)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' -WarningAction SilentlyContinue |
    Wait-EcsSteadyState -PollInterval 0:0:0.25 -ErrorAction SilentlyContinue | Out-Null
"@
        $result.Output | Should -Not -Match '##vso\['
        $result.Output | Should -Not -Match '::error::'
    }
}

Describe 'cancellation' {
    It 'Stop (Ctrl+C) ends a wait within a second and changes nothing' {
        Reset-Simulator
        Set-SimTimeScale 1   # real time: the rollout must still be in flight when the wait is stopped
        $deployment = Start-EcsRollingDeployment @target @aws -Image "$($repo):2.0" -WarningAction SilentlyContinue
        Reset-SimRequests
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule((Join-Path $module.ModuleBase 'EcsBlueGreen.psd1'))
        $ps = [powershell]::Create($iss)
        $null = $ps.AddCommand('Wait-EcsSteadyState').AddParameter('Deployment', $deployment).AddParameter('PollInterval', [TimeSpan]::FromSeconds(30))
        $handle = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $handle.IsCompleted | Should -BeTrue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        Get-SimRequestCount 'ECS.UpdateService' | Should -Be 0
        Get-SimRequestCount 'ECS.StopServiceDeployment' | Should -Be 0
        $ps.Dispose()
        Set-SimTimeScale 60
    }
}

Describe 'secrets' {
    It 'never shows the secret key in any stream, error or verbose output' {
        Reset-Simulator
        $secret = $aws.SecretKey
        $captured = @()
        $all = . {
            Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -Environment @{ DB_PASSWORD = 'pa55-word-not-for-logs' } -Verbose -WhatIf
            Start-EcsRollingDeployment @target @aws -Image "$($repo):2.1" -Verbose | Wait-EcsSteadyState @wait -Verbose -ErrorAction SilentlyContinue -ErrorVariable +captured
            Get-EcsDeployment -Cluster nope -Service nope -Region eu-west-2 -EndpointUrl (Get-SimEndpoint) -AccessKey $aws.AccessKey -SecretKey 'wrong-secret-value-123' -Verbose -ErrorAction SilentlyContinue -ErrorVariable +captured
        } *>&1 | Out-String -Width 500
        $captured.Count | Should -BeGreaterThan 1
        $errorsText = ($captured | ForEach-Object { $_.ToString() + $_.Exception.ToString() + ($_.TargetObject | Out-String) }) -join "`n"
        foreach ($text in $all, $errorsText) {
            $text | Should -Not -Match ([regex]::Escape($secret))
            $text | Should -Not -Match 'wrong-secret-value-123'
            $text | Should -Not -Match 'pa55-word-not-for-logs'
        }
        $all | Should -Match 'RolledBack' -Because 'the runs above really happened'
    }
}
