#Requires -Version 7.2
<#
.SYNOPSIS
    A whole release, as an admin watches it, on the bundled local AWS simulator.
.DESCRIPTION
    Starts the simulator with the article's setup (service myservice-myapplication on 1.0 behind an
    ALB target group, min 100 % / max 200 %, circuit breaker with rollback), then:
      1. builds a small OCI image archive and publishes it to ECR as 2.0 (pinned by digest),
      2. rolls it out and shows ECS's events live until the verdict,
      3. ships a broken release (2.1, its container exits with code 1) that is caught, explained and
         rolled back,
      4. on ECS's own BLUE_GREEN strategy (the strategies scenario: a test listener, bake time), ships
         2.0 with a PowerShell smoke test against the test listener at a PAUSE hook, then 2.3, which
         passes its health checks but answers 500: the smoke test rolls it back before production
         traffic ever reaches it,
    and ends with a one-screen summary. Run it with: dotnet pwsh ./build.ps1 -Task Demo
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    # Simulated seconds per wall second: 10 makes a rollout take a few seconds, yet readable.
    [double] $TimeScale = 10
)

$ErrorActionPreference = 'Stop'
$InformationPreference = 'Continue'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')

function Write-Step([string] $Text) { Write-Host ''; Write-Host "==> $Text" -ForegroundColor Cyan }

# An OCI image layout folder with one small layer: what `podman save --format oci-dir` would give.
function New-DemoImage([string] $Folder, [string] $Version) {
    $blobs = Join-Path $Folder 'blobs/sha256'
    New-Item -ItemType Directory -Force -Path $blobs | Out-Null
    function Save-Blob([byte[]] $Bytes) {
        $digest = 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Bytes)).ToLowerInvariant()
        [IO.File]::WriteAllBytes((Join-Path $blobs $digest.Substring(7)), $Bytes)
        [ordered]@{ digest = $digest; size = $Bytes.Length }
    }

    $tar = [IO.MemoryStream]::new()
    $writer = [System.Formats.Tar.TarWriter]::new($tar, [System.Formats.Tar.TarEntryFormat]::Pax, $true)
    $entry = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, 'app/version.txt')
    $entry.DataStream = [IO.MemoryStream]::new([Text.Encoding]::UTF8.GetBytes("myapplication $Version`n"))
    $writer.WriteEntry($entry); $writer.Dispose()
    $gzipped = [IO.MemoryStream]::new()
    $gzip = [IO.Compression.GZipStream]::new($gzipped, [IO.Compression.CompressionLevel]::Optimal, $true)
    $gzip.Write($tar.ToArray()); $gzip.Dispose()
    $diffId = 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($tar.ToArray())).ToLowerInvariant()

    $layer = Save-Blob $gzipped.ToArray()
    $config = Save-Blob ([Text.Encoding]::UTF8.GetBytes((@{
        architecture = 'amd64'; os = 'linux'
        config = @{ Cmd = @('/app/server'); ExposedPorts = @{ '8080/tcp' = @{} }; Labels = @{ 'org.opencontainers.image.version' = $Version } }
        rootfs = @{ type = 'layers'; diff_ids = @($diffId) }
    } | ConvertTo-Json -Depth 5 -Compress)))
    $manifest = Save-Blob ([Text.Encoding]::UTF8.GetBytes(([ordered]@{
        schemaVersion = 2; mediaType = 'application/vnd.oci.image.manifest.v1+json'
        config = [ordered]@{ mediaType = 'application/vnd.oci.image.config.v1+json' } + $config
        layers = @([ordered]@{ mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip' } + $layer)
    } | ConvertTo-Json -Depth 5 -Compress)))
    Set-Content -Path (Join-Path $Folder 'oci-layout') -Value '{"imageLayoutVersion":"1.0.0"}' -NoNewline
    Set-Content -Path (Join-Path $Folder 'index.json') -NoNewline -Value (@{
        schemaVersion = 2
        manifests = @([ordered]@{ mediaType = 'application/vnd.oci.image.manifest.v1+json' } + $manifest)
    } | ConvertTo-Json -Depth 5 -Compress)
}

$clock = [Diagnostics.Stopwatch]::StartNew()
Write-Step "Starting the local AWS simulator (seed scenario, time x$TimeScale)"
$simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', "$TimeScale", '--scenario', 'seed')
$work = Join-Path ([IO.Path]::GetTempPath()) "ecsbluegreen-demo-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
try {
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    Import-Module (Join-Path $ModulePath 'EcsBlueGreen.psd1') -Force
    # What an admin would have in their profile; here the simulator's endpoint and keys.
    $aws = Get-SimAwsParameters
    $service = @{ Cluster = 'myservice'; Service = 'myservice-myapplication' }
    $watch = @{ PollInterval = [TimeSpan]::FromMilliseconds(500); Timeout = [TimeSpan]::FromMinutes(5) }
    Write-Host "Simulator at $($simulator.Endpoint); the service runs:"
    Get-EcsDeployment @service @aws | Format-Table

    Write-Step 'Release 2.0: build an OCI image archive and publish it to ECR'
    New-DemoImage -Folder $work -Version '2.0'
    $image = Publish-EcrImage -ArchivePath $work -RepositoryName myapplication -Tag '2.0' @aws
    $image | Format-List RepositoryName, Tags, ImageUri, SizeBytes

    Write-Step 'Roll out 2.0 (pinned by digest) and watch ECS until the verdict'
    $release = $image | Start-EcsRollingDeployment @service | Wait-EcsSteadyState @watch
    $release | Format-Table

    Write-Step 'Release 2.1: its container exits with code 1 a few seconds after start'
    $broken = Start-EcsRollingDeployment @service @aws -Image '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication:2.1' -WarningAction SilentlyContinue |
        Wait-EcsSteadyState @watch -RollbackOnFailure -ErrorAction Continue

    Write-Step 'ECS is rolling back to 2.0: wait for that too'
    Get-EcsDeployment @service @aws | Where-Object Status -EQ 'InProgress' | Wait-EcsSteadyState @watch | Format-Table

    Write-Step 'What went wrong, from the deployment object'
    $broken | Select-Object -First 1 | Format-List Service, Status, StatusReason, RolledBackTo, CircuitBreaker
    $broken | Select-Object -First 1 | ForEach-Object FailedTasks | Select-Object -First 3 | Format-Table TaskId, StopCode, StoppedReason, @{ n = 'ExitCodes'; e = { ($_.Containers | ForEach-Object { "$($_.Name)=$($_.ExitCode)" }) -join ' ' } }

    Write-Step 'Summary'
    # Drain: from ECS's deregistration of the old targets to the deployment's end. Extra: task-seconds
    # above the desired count in the deployment's window, and what they cost at the shipped Fargate rates.
    @($release) + @($broken) | Format-Table -AutoSize @{ n = 'Kind'; a = 'Left'; e = { "$($_.Kind)" } }, @{ n = 'Status'; a = 'Left'; e = { "$($_.Status)" } }, @{ n = 'Image'; e = { $_.ImageTag } },
        @{ n = 'Running'; a = 'Right'; e = { "$($_.RunningCount)/$($_.DesiredCount)" } },
        @{ n = 'Duration'; a = 'Right'; e = { if ($_.Duration) { '{0:mm\:ss}' -f $_.Duration } } },
        @{ n = 'Drain'; a = 'Right'; e = { if ($_.Drain.Duration) { '{0:0} s' -f $_.Drain.Duration.TotalSeconds } } },
        @{ n = 'Extra'; a = 'Right'; e = { if ($_.Window) { '{0:0} task-s' -f $_.Window.ExtraTaskSeconds } } },
        @{ n = 'Cost'; a = 'Right'; e = { if ($_.Window.EstimatedCost) { '{0:0.0000} {1}' -f $_.Window.EstimatedCost.Amount, $_.Window.EstimatedCost.Currency } } },
        @{ n = 'Reason'; e = { $_.StatusReason } } | Out-String -Width 150 | Write-Host -NoNewline
    Write-Host 'The service now runs:'
    Get-EcsDeployment @service @aws | Format-Table
    $current = (Get-EcsDeployment @service @aws)[0]
    $rollingOk = $release.Status -eq 'Succeeded' -and @($broken)[0].Status -in 'RolledBack', 'Failed' -and $current.TaskDefinitionArn -eq $release.TaskDefinitionArn
    $rollingText = '2.0 {0}; 2.1 {1}, the service is back on {2}' -f $release.Status, @($broken)[0].Status, ($current.TaskDefinitionArn -split '/')[-1]

    Write-Step 'Blue/green with a smoke test: the strategies scenario (ECS BLUE_GREEN, a test listener, bake 1 min)'
    Reset-Simulator -Scenario strategies
    $blueGreen = @{ Cluster = 'myservice'; Service = 'myservice-bluegreen' }
    # Runs when ECS pauses the deployment after moving test traffic to the new tasks; production is still on blue.
    $smokeTest = {
        param($deployment)
        $endpoint = $deployment.TestEndpoint
        $script:productionUrl = $deployment.ProductionEndpoint.Url
        $answer = Invoke-WebRequest -Uri $endpoint.Url -Headers $endpoint.Headers -SkipHttpErrorCheck
        $headers = ($endpoint.Headers.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)" }) -join ', '
        Write-Host ("  smoke test: GET {0} ({1}) -> {2} from image {3}" -f $endpoint.Url, $headers, $answer.StatusCode, "$($answer.Headers['x-simulator-image'])")
        if ($answer.StatusCode -ne 200) { throw "the test listener answered $($answer.StatusCode)" }
    }
    $hooks = @{ PostTestTrafficShift = $smokeTest }
    $repository = '123456789012.dkr.ecr.eu-west-2.amazonaws.com/myapplication'

    Write-Step 'Blue/green release 2.0: paused after the test traffic shift, smoke-tested, then production'
    $green = Start-EcsDeployment @blueGreen @aws -Image "$($repository):2.0" -PauseAt PostTestTrafficShift -WarningAction SilentlyContinue |
        Wait-EcsSteadyState @watch -Hook $hooks
    $green | Format-List Service, Status, LifecycleStage, ProductionTrafficWeight, @{ n = 'Stages'; e = { ($_.Stages.Stage) -join ' > ' } },
        @{ n = 'Hook'; e = { "$($_.Hooks[0].Stage) $($_.Hooks[0].Action)" } }, Duration,
        @{ n = 'Overlap'; e = { if ($_.Window) { '{0:0} extra task-s, {1:0.0000} {2} (blue and green side by side through the bake)' -f $_.Window.ExtraTaskSeconds, $_.Window.EstimatedCost.Amount, $_.Window.EstimatedCost.Currency } } }

    Write-Step 'Blue/green release 2.3: it passes its health checks, but answers every request with 500'
    $caught = Start-EcsDeployment @blueGreen @aws -Image "$($repository):2.3" -PauseAt PostTestTrafficShift -WarningAction SilentlyContinue |
        Wait-EcsSteadyState @watch -Hook $hooks -ErrorAction Continue
    $caught | Format-List Service, Status, @{ n = 'Stage'; e = { $_.Verdict.Hook.Stage } }, @{ n = 'Check'; e = { $_.Verdict.Hook.Message } }, StatusReason
    $served = Invoke-WebRequest -Uri $script:productionUrl -SkipHttpErrorCheck
    Write-Host ("Production ({0}) answers {1} from image {2}: no customer ever reached 2.3." -f $script:productionUrl, $served.StatusCode, "$($served.Headers['x-simulator-image'])")

    $blueGreenOk = $green.Status -eq 'Succeeded' -and $caught.Status -eq 'RolledBack' -and $caught.Verdict.Hook.Stage -eq 'POST_TEST_TRAFFIC_SHIFT' -and "$($served.Headers['x-simulator-image'])" -eq '2.0'
    Write-Host ("Demo finished in {0:N0} s: {1}; blue/green 2.0 {2}, 2.3 {3} by its smoke test at {4}." -f $clock.Elapsed.TotalSeconds, $rollingText, $green.Status, $caught.Status, $caught.Verdict.Hook.Stage)
    if (-not ($rollingOk -and $blueGreenOk)) { throw 'The demo did not end as expected (see above).' }

}
finally {
    Stop-TestSimulator $simulator
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
