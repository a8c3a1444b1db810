<#
.SYNOPSIS
    Push benchmark: a generated image of about 200 MB in several layers, pushed to the simulator by
    Publish-EcrImage and by `skopeo copy` (when installed), then re-pushed unchanged. Prints both
    throughputs, their ratio, and the re-push time.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [int] $Layers = 5,
    [int] $LayerMegabytes = 40
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.ps1')
Import-Module $ModulePath -Force

$work = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-bench-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $work | Out-Null

function Get-FileSha256([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try { 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($stream)).ToLowerInvariant() } finally { $stream.Dispose() }
}

# An OCI layout folder with uncompressed layers of random bytes (incompressible, so both clients move
# the same bytes), packed into an oci-archive tar.
function New-BenchArchive {
    $layout = Join-Path $work 'layout'
    $blobDir = New-Item -ItemType Directory -Path (Join-Path $layout 'blobs/sha256') -Force
    $random = [Random]::new(7)
    $buffer = [byte[]]::new(1MB)
    $descriptors = foreach ($i in 1..$Layers) {
        $layerPath = Join-Path $work "layer$i.tar"
        $file = [IO.File]::Create($layerPath)
        $writer = [System.Formats.Tar.TarWriter]::new($file, [System.Formats.Tar.TarEntryFormat]::Ustar, $false)
        $payloadPath = Join-Path $work "payload$i.bin"
        $payload = [IO.File]::Create($payloadPath)
        for ($m = 0; $m -lt $LayerMegabytes; $m++) { $random.NextBytes($buffer); $payload.Write($buffer, 0, $buffer.Length) }
        $payload.Dispose()
        $writer.WriteEntry($payloadPath, "data/layer$i.bin")
        $writer.Dispose()
        Remove-Item $payloadPath
        $digest = Get-FileSha256 $layerPath
        $size = (Get-Item $layerPath).Length
        Move-Item $layerPath (Join-Path $blobDir $digest.Substring(7))
        [ordered]@{ mediaType = 'application/vnd.oci.image.layer.v1.tar'; digest = $digest; size = $size }
    }
    $config = [Text.Encoding]::UTF8.GetBytes((@{ architecture = 'amd64'; os = 'linux'; rootfs = @{ type = 'layers'; diff_ids = @($descriptors.digest) } } | ConvertTo-Json -Compress -Depth 5))
    $configDigest = 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($config)).ToLowerInvariant()
    [IO.File]::WriteAllBytes((Join-Path $blobDir $configDigest.Substring(7)), $config)
    $manifest = [Text.Encoding]::UTF8.GetBytes(([ordered]@{ schemaVersion = 2; mediaType = 'application/vnd.oci.image.manifest.v1+json'
        config = [ordered]@{ mediaType = 'application/vnd.oci.image.config.v1+json'; digest = $configDigest; size = $config.Length }; layers = @($descriptors) } | ConvertTo-Json -Compress -Depth 5))
    $manifestDigest = 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($manifest)).ToLowerInvariant()
    [IO.File]::WriteAllBytes((Join-Path $blobDir $manifestDigest.Substring(7)), $manifest)
    Set-Content -Path (Join-Path $layout 'oci-layout') -Value '{"imageLayoutVersion":"1.0.0"}' -NoNewline
    Set-Content -Path (Join-Path $layout 'index.json') -NoNewline -Value (@{ schemaVersion = 2; manifests = @(@{ mediaType = 'application/vnd.oci.image.manifest.v1+json'; digest = $manifestDigest; size = $manifest.Length }) } | ConvertTo-Json -Compress -Depth 5)
    $tar = Join-Path $work 'image.tar'
    [System.Formats.Tar.TarFile]::CreateFromDirectory($layout, $tar, $false)
    Remove-Item -Recurse -Force $layout
    $total = $config.Length + $manifest.Length
    foreach ($d in $descriptors) { $total += $d.size }
    [pscustomobject]@{ Path = $tar; Bytes = $total }
}

$simulator = $null
try {
    Write-Host "Generating an image of $Layers x $LayerMegabytes MB layers..."
    $image = New-BenchArchive
    $megabytes = $image.Bytes / 1MB
    $simulator = Start-TestSimulator -SimulatorPath $SimulatorPath -Arguments @('--time-scale', '60', '--scenario', 'seed')
    $env:ECSBG_TEST_SIMULATOR = $simulator.Endpoint
    $aws = Get-SimAwsParameters

    $ours = Measure-Command { Publish-EcrImage @aws -ArchivePath $image.Path -RepositoryName bench/ours -Tag 'v1' -CreateRepository | Out-Null }
    $repush = Measure-Command { Publish-EcrImage @aws -ArchivePath $image.Path -RepositoryName bench/ours -Tag 'v1' | Out-Null }
    $ourRate = $megabytes / $ours.TotalSeconds
    "Publish-EcrImage: {0:N1} MB in {1:N2} s = {2:N1} MB/s" -f $megabytes, $ours.TotalSeconds, $ourRate
    "Unchanged re-push: {0:N3} s" -f $repush.TotalSeconds

    $skopeo = Get-Command skopeo -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $awsCli = Get-Command aws -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $skopeo) { 'skopeo: not found (apt-get install skopeo); no comparison.' }
    elseif (-not $awsCli) { 'skopeo: found, but the aws CLI (needed to fetch its registry login) was not found; no comparison.' }
    else {
        Invoke-SimAws ecr create-repository --repository-name bench/skopeo | Out-Null
        $token = (Invoke-SimAws ecr get-authorization-token).authorizationData[0].authorizationToken
        # skopeo reads the login from an auth file (kept in the benchmark's temp folder, removed below).
        $authFile = Join-Path $work 'auth.json'
        $registryHost = ([Uri]$simulator.Endpoint).Authority
        @{ auths = @{ $registryHost = @{ auth = $token } } } | ConvertTo-Json -Depth 4 | Set-Content $authFile
        $theirs = Measure-Command {
            & $skopeo.Source copy --quiet --dest-tls-verify=false --authfile $authFile "oci-archive:$($image.Path)" "docker://$registryHost/bench/skopeo:v1"
            if ($LASTEXITCODE -ne 0) { throw "skopeo copy failed ($LASTEXITCODE)" }
        }
        $theirRate = $megabytes / $theirs.TotalSeconds
        "skopeo copy:      {0:N1} MB in {1:N2} s = {2:N1} MB/s" -f $megabytes, $theirs.TotalSeconds, $theirRate
        "Ratio (Publish-EcrImage / skopeo): {0:N2}" -f ($ourRate / $theirRate)
    }
}
finally {
    if ($simulator) { Stop-TestSimulator $simulator }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
