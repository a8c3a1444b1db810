# Publish-EcrImage against the simulator's ECR API and /v2/ registry, as a user runs it from the
# installed module: archives made here, request counts read from the simulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module EcsBlueGreen -Force
    $script:aws = Get-SimAwsParameters
    $script:work = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-pester-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work | Out-Null

    # A small OCI image layout tar: gzip layers of seeded random bytes, an OCI config and manifest.
    function New-TestOciArchive([string] $Name, [int] $Layers = 3, [int] $LayerBytes = 8192, [int] $Seed = 1) {
        $random = [Random]::new($Seed)
        $blobs = [ordered]@{}
        $layerDescriptors = foreach ($i in 1..$Layers) {
            $payload = [byte[]]::new($LayerBytes); $random.NextBytes($payload)
            $tar = [IO.MemoryStream]::new()
            $writer = [System.Formats.Tar.TarWriter]::new($tar, [System.Formats.Tar.TarEntryFormat]::Ustar, $true)
            $entry = [System.Formats.Tar.UstarTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, "layer$i/data.bin")
            $entry.ModificationTime = [DateTimeOffset]::new(2020, 1, 1, 0, 0, 0, [TimeSpan]::Zero)
            $entry.DataStream = [IO.MemoryStream]::new($payload)
            $writer.WriteEntry($entry); $writer.Dispose()
            $gz = [IO.MemoryStream]::new()
            $zip = [IO.Compression.GZipStream]::new($gz, [IO.Compression.CompressionLevel]::Fastest, $true)
            $zip.Write($tar.ToArray(), 0, $tar.Length); $zip.Dispose()
            $bytes = $gz.ToArray()
            $digest = Get-Sha256 $bytes
            $blobs[$digest] = $bytes
            [ordered]@{ mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip'; digest = $digest; size = $bytes.Length }
        }
        $config = [Text.Encoding]::UTF8.GetBytes((@{ architecture = 'amd64'; os = 'linux'; config = @{ Cmd = @('/app') }; rootfs = @{ type = 'layers'; diff_ids = @() } } | ConvertTo-Json -Compress -Depth 5))
        $configDigest = Get-Sha256 $config
        $blobs[$configDigest] = $config
        $manifest = [Text.Encoding]::UTF8.GetBytes(([ordered]@{
            schemaVersion = 2; mediaType = 'application/vnd.oci.image.manifest.v1+json'
            config = [ordered]@{ mediaType = 'application/vnd.oci.image.config.v1+json'; digest = $configDigest; size = $config.Length }
            layers = @($layerDescriptors)
        } | ConvertTo-Json -Compress -Depth 5))
        $manifestDigest = Get-Sha256 $manifest
        $blobs[$manifestDigest] = $manifest
        $index = @{ schemaVersion = 2; manifests = @(@{ mediaType = 'application/vnd.oci.image.manifest.v1+json'; digest = $manifestDigest; size = $manifest.Length }) } | ConvertTo-Json -Compress -Depth 5

        $path = Join-Path $work "$Name.tar"
        $file = [IO.File]::Create($path)
        $writer = [System.Formats.Tar.TarWriter]::new($file, [System.Formats.Tar.TarEntryFormat]::Pax, $false)
        $add = {
            param($entryName, [byte[]] $data)
            $e = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, $entryName)
            $e.DataStream = [IO.MemoryStream]::new($data)
            $writer.WriteEntry($e)
        }
        & $add 'oci-layout' ([Text.Encoding]::UTF8.GetBytes('{"imageLayoutVersion":"1.0.0"}'))
        & $add 'index.json' ([Text.Encoding]::UTF8.GetBytes($index))
        foreach ($d in $blobs.Keys) { & $add "blobs/sha256/$($d.Substring(7))" $blobs[$d] }
        $writer.Dispose()
        [pscustomobject]@{ Path = $path; ManifestDigest = $manifestDigest; Manifest = $manifest; Blobs = $blobs }
    }

    function Get-Sha256([byte[]] $Bytes) {
        'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Bytes)).ToLowerInvariant()
    }

    # The registry login the simulator issues (what a pull by any client would use).
    function Get-RegistryAuthorization {
        $token = (Invoke-SimAws ecr get-authorization-token).authorizationData[0].authorizationToken
        @{ Authorization = "Basic $token" }
    }

    function Get-RegistryBytes([string] $Path, [string] $Accept = '*/*') {
        $headers = Get-RegistryAuthorization
        $headers.Accept = $Accept
        $response = Invoke-WebRequest -Uri "$(Get-SimEndpoint)/v2/$Path" -Headers $headers
        $stream = [IO.MemoryStream]::new(); $response.RawContentStream.CopyTo($stream); $stream.ToArray()
    }

    function Get-BlobUploadCount {
        $counts = Get-SimRequests
        ($counts.PSObject.Properties | Where-Object Name -like 'Registry.BlobUpload*' | Measure-Object -Property Value -Sum).Sum + 0
    }

    function Get-WriteCount {
        $counts = Get-SimRequests
        ($counts.PSObject.Properties | Where-Object { $_.Name -like 'Registry.BlobUpload*' -or $_.Name -eq 'Registry.BlobMount' -or $_.Name -eq 'Registry.ManifestPut' -or $_.Name -like '*.PutImage' -or $_.Name -like '*.CreateRepository' } |
            Measure-Object -Property Value -Sum).Sum + 0
    }

    function New-RepositoryName { "pester/app-$([guid]::NewGuid().ToString('N').Substring(0, 8))" }

    $script:archive = New-TestOciArchive -Name 'one'
}

AfterAll {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'Publish-EcrImage -ArchivePath' {
    BeforeEach { Reset-Simulator }

    It 'pushes an OCI archive: DescribeImages shows the tags and digest, /v2/ returns identical bytes' {
        $name = New-RepositoryName
        $image = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0', candidate -CreateRepository

        $image.Digest | Should -Be $archive.ManifestDigest
        $image.ImageUri | Should -Be "$($image.RepositoryUri)@$($archive.ManifestDigest)"
        $image.Tags | Should -Be @('1.0', 'candidate')
        $image.Region | Should -Be 'eu-west-2'
        $image.EndpointUrl | Should -Be (Get-SimEndpoint)

        $described = (Invoke-SimAws ecr describe-images --repository-name $name).imageDetails
        @($described).Count | Should -Be 1
        $described[0].imageDigest | Should -Be $archive.ManifestDigest
        $described[0].imageTags | Sort-Object | Should -Be @('1.0', 'candidate')

        $pulled = Get-RegistryBytes "$name/manifests/candidate" 'application/vnd.oci.image.manifest.v1+json'
        [Convert]::ToBase64String($pulled) | Should -Be ([Convert]::ToBase64String($archive.Manifest))
        foreach ($digest in $archive.Blobs.Keys | Where-Object { $_ -ne $archive.ManifestDigest }) {
            $blob = Get-RegistryBytes "$name/blobs/$digest"
            Get-Sha256 $blob | Should -Be $digest
        }
    }

    It 'uploads no blob on a second push of the same archive' {
        $name = New-RepositoryName
        Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0' -CreateRepository | Out-Null
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/requests/reset" | Out-Null

        $again = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0'
        $newTag = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0-rc'

        $again.Digest | Should -Be $archive.ManifestDigest
        $newTag.Tags | Should -Contain '1.0-rc'
        Get-BlobUploadCount | Should -Be 0
        Get-SimRequestCount 'Registry.ManifestPut' | Should -Be 1 -Because 'only the new tag needs its manifest written'
    }

    It 'promotes to latest without any blob traffic, from a tag and from the pipeline' {
        $name = New-RepositoryName
        $pushed = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '2.0' -CreateRepository
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/requests/reset" | Out-Null

        $latest = Publish-EcrImage @aws -RepositoryName $name -SourceTag '2.0' -Tag latest
        $prod = $pushed | Publish-EcrImage -Tag prod

        $latest.Digest | Should -Be $pushed.Digest
        $prod.Tags | Sort-Object | Should -Be @('2.0', 'latest', 'prod')
        $registry = (Get-SimRequests).PSObject.Properties | Where-Object Name -like 'Registry.*'
        $registry | Should -BeNullOrEmpty -Because 'promotion is BatchGetImage + PutImage only'
    }

    It '-WhatIf describes the push and sends nothing' {
        $name = New-RepositoryName
        # (The "What if:" line goes to the host UI, which a test cannot capture; what matters is that nothing is sent.)
        Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0' -CreateRepository -WhatIf | Should -BeNullOrEmpty
        Get-WriteCount | Should -Be 0
        Get-SimRequestCount 'Registry.BlobHead' | Should -Be 0
        (Invoke-SimAws ecr describe-repositories).repositories.repositoryName | Should -Not -Contain $name
    }

    It 'hands the digest-pinned URI to Start-EcsRollingDeployment' {
        $image = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName myapplication -Tag '3.0'
        $deployment = $image | Start-EcsRollingDeployment -Cluster myservice -Service myservice-myapplication -WarningAction SilentlyContinue
        $deployment.Image | Should -Be $image.ImageUri
        $deployment.Image | Should -Match '@sha256:[0-9a-f]{64}$'
    }
}

Describe 'Publish-EcrImage against a failing registry' {
    BeforeEach { Reset-Simulator }
    AfterEach {
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/faults" -ContentType 'application/json' -Body '{}' | Out-Null
        Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue
    }

    It 'tries the registry as often as the session allows AWS calls, then reports RegistryUnavailable and tags nothing' {
        $name = New-RepositoryName
        Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '0.9' -CreateRepository | Out-Null
        $other = New-TestOciArchive -Name 'registry-down' -Seed 7
        $env:AWS_MAX_ATTEMPTS = '2'
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/faults" -ContentType 'application/json' -Body '{"operations":{"Registry.ManifestPut":{"5xx":1.0}}}' | Out-Null
        Reset-SimRequests

        Publish-EcrImage @aws -ArchivePath $other.Path -RepositoryName $name -Tag '1.0' -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Get-SimRequestCount 'Registry.ManifestPut' | Should -Be 2 -Because 'AWS_MAX_ATTEMPTS=2 governs the registry client as it does the ECR API'
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnavailable,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'through every retry'
        (Invoke-SimAws ecr describe-images --repository-name $name).imageDetails.imageTags | Should -Not -Contain '1.0'
    }
}

Describe 'Publish-EcrImage bad input' {
    BeforeAll {
        $script:context = Join-Path $work 'ctx'
        New-Item -ItemType Directory -Path $context -Force | Out-Null
        Set-Content -Path (Join-Path $work 'not-an-image.tar') -Value 'plain text, not an archive'
    }
    BeforeEach { Reset-Simulator }

    It 'fails with <Id> and writes nothing' -ForEach @(
        @{ Id = 'BuildContextNotFound' }
        @{ Id = 'DockerfileNotFound' }
        @{ Id = 'ImageArchiveNotAnImage' }
        @{ Id = 'EcrRepositoryNotFound' }
        @{ Id = 'InvalidImageTag' }
    ) {
        $parameters = switch ($Id) {
            'BuildContextNotFound' { @{ Path = (Join-Path $work 'missing'); RepositoryName = 'myapplication'; Tag = 'x1' } }
            'DockerfileNotFound' { @{ Path = $context; RepositoryName = 'myapplication'; Tag = 'x1' } }
            'ImageArchiveNotAnImage' { @{ ArchivePath = (Join-Path $work 'not-an-image.tar'); RepositoryName = 'myapplication'; Tag = 'x1' } }
            'EcrRepositoryNotFound' { @{ ArchivePath = $archive.Path; RepositoryName = 'no-such-repo'; Tag = 'x1' } }
            'InvalidImageTag' { @{ ArchivePath = $archive.Path; RepositoryName = 'myapplication'; Tag = '-bad tag' } }
        }
        Publish-EcrImage @aws @parameters -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        Get-WriteCount | Should -Be 0
    }

    It 'names the tag and the existing digest on an immutable tag conflict, and writes nothing' {
        $name = New-RepositoryName
        $first = Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0' -CreateRepository -ImmutableTags
        $other = New-TestOciArchive -Name 'other' -Seed 42
        Invoke-RestMethod -Method Post -Uri "$(Get-SimEndpoint)/_simulator/requests/reset" | Out-Null

        Publish-EcrImage @aws -ArchivePath $other.Path -RepositoryName $name -Tag '1.0' -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EcrImmutableTagConflict,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure[0].Exception.Message | Should -Match '1\.0'
        $failure[0].Exception.Message | Should -Match ([regex]::Escape($first.Digest))
        Get-WriteCount | Should -Be 0
        # The identical image under the same immutable tag is not an error.
        (Publish-EcrImage @aws -ArchivePath $archive.Path -RepositoryName $name -Tag '1.0').Digest | Should -Be $first.Digest
    }

    It 'says no builder was found when neither podman nor docker is on PATH, and writes nothing' {
        Set-Content -Path (Join-Path $context 'Dockerfile') -Value 'FROM scratch'
        $savedPath = $env:PATH
        try {
            $env:PATH = (New-Item -ItemType Directory -Path (Join-Path $work 'empty-bin') -Force).FullName
            Publish-EcrImage @aws -Path $context -RepositoryName myapplication -Tag x1 -ErrorVariable failure -ErrorAction SilentlyContinue
        }
        finally { $env:PATH = $savedPath }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ImageBuilderNotFound,*'
        $failure[0].CategoryInfo.Category | Should -Be 'NotInstalled'
        Get-WriteCount | Should -Be 0
    }
}

Describe 'Publish-EcrImage -Path (podman build)' {
    BeforeAll {
        $script:podman = (Get-Command podman -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    }
    BeforeEach { Reset-Simulator }

    It 'builds FROM scratch + COPY with vfs storage and keeps the registry token out of processes, files and streams' {
        # podman is a test prerequisite (.ci/run installs it): without it this fails, it does not skip.
        $podman | Should -Not -BeNullOrEmpty -Because 'podman is needed to test the build path (apt-get install podman)'
        $buildContext = Join-Path $work 'build'
        New-Item -ItemType Directory -Path $buildContext -Force | Out-Null
        Set-Content -Path (Join-Path $buildContext 'hello.txt') -Value 'hello from the pester build'
        Set-Content -Path (Join-Path $buildContext 'Dockerfile') -Value "FROM scratch`nCOPY hello.txt /hello.txt"

        # A podman shim first on PATH records every spawn's arguments and environment.
        $shimDir = New-Item -ItemType Directory -Path (Join-Path $work 'shim') -Force
        $log = Join-Path $work 'spawns.log'
        Set-Content -Path (Join-Path $shimDir 'podman') -Value "#!/bin/sh`nprintf 'ARGS %s\n' `"`$*`" >> '$log'`nenv >> '$log'`nexec '$podman' `"`$@`""
        chmod +x (Join-Path $shimDir 'podman')
        # The publish gets a temp folder of its own, so what it leaves behind is all there is to read.
        $privateTemp = New-Item -ItemType Directory -Path (Join-Path $work 'tmp') -Force
        $savedPath = $env:PATH; $savedStorage = $env:ECSBG_PODMAN_STORAGE; $savedTemp = $env:TMPDIR
        $started = Get-Date
        try {
            $env:TMPDIR = $privateTemp.FullName
            $env:PATH = "$($shimDir.FullName)$([IO.Path]::PathSeparator)$savedPath"
            $env:ECSBG_PODMAN_STORAGE = 'vfs'
            $name = New-RepositoryName
            $streams = Publish-EcrImage @aws -Path $buildContext -RepositoryName $name -Tag built -CreateRepository -Builder Podman -Verbose *>&1
        }
        finally { $env:PATH = $savedPath; $env:ECSBG_PODMAN_STORAGE = $savedStorage; $env:TMPDIR = $savedTemp }

        # The type lives in the module's private load context: match it by name.
        $image = $streams | Where-Object { $_.GetType().FullName -eq 'EcsBlueGreen.Images.EcrImage' }
        $image.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        (Invoke-SimAws ecr describe-images --repository-name $name).imageDetails[0].imageDigest | Should -Be $image.Digest
        $manifest = [Text.Encoding]::UTF8.GetString((Get-RegistryBytes "$name/manifests/built" 'application/vnd.oci.image.manifest.v1+json')) | ConvertFrom-Json
        $layer = Get-RegistryBytes "$name/blobs/$($manifest.layers[0].digest)"
        $text = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.MemoryStream]::new($layer), [IO.Compression.CompressionMode]::Decompress)).ReadToEnd()
        $text | Should -Match 'hello from the pester build'

        $spawns = Get-Content -Raw $log
        $spawns | Should -Match 'ARGS --storage-driver vfs .*build'
        $password = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String((Get-RegistryAuthorization).Authorization.Substring(6))).Split(':', 2)[1]
        $password.Length | Should -BeGreaterThan 8
        $spawns.Contains($password) | Should -BeFalse -Because 'no spawned process may see the registry token'
        ($streams | Out-String).Contains($password) | Should -BeFalse -Because 'no output stream may show it'
        @(Get-ChildItem $privateTemp.FullName -Filter 'ecsbg-build-*' -ErrorAction SilentlyContinue).Count | Should -Be 0 -Because 'the build folder is removed'
        # Regular files only (find -type f): a named pipe a process keeps open would block a read forever.
        $since = '@{0}' -f ([DateTimeOffset]$started).ToUnixTimeSeconds()
        # podman's run root sits in /tmp itself (a short path for its sockets): read any left from this run too.
        $runRoots = @(Get-ChildItem '/tmp' -Directory -Filter 'ebg-*' -ErrorAction SilentlyContinue | Where-Object { $_.CreationTime -ge $started } | ForEach-Object FullName)
        $roots = @(@($privateTemp.FullName, (Join-Path $HOME '.docker'), (Join-Path $HOME '.config/containers')) + $runRoots | Where-Object { Test-Path $_ })
        $roots | Should -Contain $privateTemp.FullName
        $leftovers = @(& find $roots -type f -size -1024k -newermt $since 2>$null |
            Where-Object { $_ -ne $log } |
            Where-Object { (Get-Content -Raw -LiteralPath $_ -ErrorAction SilentlyContinue) -like "*$password*" })
        $leftovers | Should -BeNullOrEmpty -Because 'the token is never written to a file'
    }
}
