#Requires -Version 7.2
<#
.SYNOPSIS
    Regenerates tests/aws-models/ from a botocore checkout.
.DESCRIPTION
    The contract tests check every request and response against AWS's own API models. The repository
    carries the part of botocore's models they read: the service-2 models of ECS, ECR and ELBv2, and
    the examples-1 files of ECS and ECR, with every documentation string removed (the structure,
    enums, constraints and error shapes are kept as they are). Each operation, shape or example list
    is written on a line of its own, so a model update shows in a diff as the lines that changed.
    NOTICE in the same folder is rewritten with the botocore version read from botocore/__init__.py.

    Run: dotnet pwsh ./build/Update-AwsModels.ps1 -BotocoreRoot ../botocore
    Then run the tests: TaskDefinitionCloneTests.Checked_in_member_lists_match_the_model says what to
    change in src/EcsBlueGreen/Ecs/TaskDefinitionMembers.cs when the task definition shapes gained members.
.PARAMETER BotocoreRoot
    A botocore checkout: the folder that holds botocore/data/<service>/<api-version>/service-2.json.
.PARAMETER Destination
    Where the trimmed models go; tests/aws-models of this repository by default.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $BotocoreRoot,
    [string] $Destination = (Join-Path $PSScriptRoot '../tests/aws-models')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Add-Type -AssemblyName System.Text.Json

# service folder in botocore, API version, file prefix here, whether its examples are used.
$Services = @(
    @{ Folder = 'ecs'; Version = '2014-11-13'; Prefix = 'ecs-2014-11-13'; Examples = $true }
    @{ Folder = 'ecr'; Version = '2015-09-21'; Prefix = 'ecr-2015-09-21'; Examples = $true }
    @{ Folder = 'elbv2'; Version = '2015-12-01'; Prefix = 'elbv2-2015-12-01'; Examples = $false }
)

# Prose only: removing these changes nothing a client or a validator reads.
$ModelDocumentation = @('documentation', 'documentationUrl')
$ExampleDocumentation = @('comments', 'description', 'title')

$JsonOptions = [System.Text.Json.JsonSerializerOptions]::new()
$JsonOptions.Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping

function Read-Json([string] $Path) {
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "Not found: $Path (is -BotocoreRoot a botocore checkout?)" }
    # The comma keeps PowerShell from unrolling the object into its properties.
    return , [System.Text.Json.Nodes.JsonNode]::Parse([System.IO.File]::ReadAllText($Path)).AsObject()
}

function Remove-Members([System.Text.Json.Nodes.JsonObject] $Object, [string[]] $Names) {
    foreach ($name in $Names) { [void] $Object.Remove($name) }
}

# Documentation sits on the model itself, on each operation, on each shape and on each member of a
# structure. Only those places are touched: a structure may well have a member called "documentation".
function Remove-ModelDocumentation([System.Text.Json.Nodes.JsonObject] $Model) {
    Remove-Members $Model $ModelDocumentation
    foreach ($operation in $Model['operations'].AsObject()) { Remove-Members $operation.Value.AsObject() $ModelDocumentation }
    foreach ($shape in $Model['shapes'].AsObject()) {
        $shapeObject = $shape.Value.AsObject()
        Remove-Members $shapeObject $ModelDocumentation
        if ($shapeObject.ContainsKey('members')) {
            foreach ($member in $shapeObject['members'].AsObject()) { Remove-Members $member.Value.AsObject() $ModelDocumentation }
        }
    }
}

function Remove-ExampleDocumentation([System.Text.Json.Nodes.JsonObject] $Examples) {
    foreach ($operation in $Examples['examples'].AsObject()) {
        foreach ($example in $operation.Value.AsArray()) { Remove-Members $example.AsObject() $ExampleDocumentation }
    }
}

# Compact JSON with one line per entry of the big maps (operations, shapes, examples).
function ConvertTo-LineJson([System.Text.Json.Nodes.JsonObject] $Root, [string[]] $Split) {
    $builder = [System.Text.StringBuilder]::new()
    [void] $builder.Append("{`n")
    $first = $true
    foreach ($entry in $Root) {
        if (-not $first) { [void] $builder.Append(",`n") }
        $first = $false
        $key = [System.Text.Json.JsonSerializer]::Serialize($entry.Key, $JsonOptions)
        if ($Split -contains $entry.Key) {
            [void] $builder.Append("${key}:{`n")
            $lines = foreach ($inner in $entry.Value.AsObject()) {
                [System.Text.Json.JsonSerializer]::Serialize($inner.Key, $JsonOptions) + ':' + $inner.Value.ToJsonString($JsonOptions)
            }
            [void] $builder.Append(($lines -join ",`n")).Append("`n}")
        }
        else {
            [void] $builder.Append($key).Append(':').Append($entry.Value.ToJsonString($JsonOptions))
        }
    }
    return $builder.Append("`n}`n").ToString()
}

function Write-Text([string] $Path, [string] $Text) {
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

$data = Join-Path $BotocoreRoot 'botocore/data'
$initFile = Join-Path $BotocoreRoot 'botocore/__init__.py'
if (-not (Test-Path -LiteralPath $initFile)) { throw "Not found: $initFile (is -BotocoreRoot a botocore checkout?)" }
$versionMatch = [regex]::Match([System.IO.File]::ReadAllText($initFile), "__version__\s*=\s*['""]([^'""]+)['""]")
if (-not $versionMatch.Success) { throw "No __version__ in $initFile." }
$botocoreVersion = $versionMatch.Groups[1].Value

New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$written = foreach ($service in $Services) {
    $folder = Join-Path $data "$($service.Folder)/$($service.Version)"

    $model = Read-Json (Join-Path $folder 'service-2.json')
    Remove-ModelDocumentation $model
    $modelFile = "$($service.Prefix).service-2.json"
    Write-Text (Join-Path $Destination $modelFile) (ConvertTo-LineJson $model @('operations', 'shapes'))
    $modelFile

    if ($service.Examples) {
        $examples = Read-Json (Join-Path $folder 'examples-1.json')
        Remove-ExampleDocumentation $examples
        $examplesFile = "$($service.Prefix).examples-1.json"
        Write-Text (Join-Path $Destination $examplesFile) (ConvertTo-LineJson $examples @('examples'))
        $examplesFile
    }
}

$notice = @"
AWS service models: ECS, ECR and ELBv2
======================================

The JSON files in this folder are derived from botocore $botocoreVersion
(https://github.com/boto/botocore, botocore/data/<service>/<api-version>/),
Copyright Amazon.com, Inc. or its affiliates, licensed under the Apache License,
Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0).

Files:
$(($written | ForEach-Object { "  $_" }) -join "`n")

Changes made: every documentation string was removed ("documentation" and
"documentationUrl" of the model, its operations, shapes and structure members; "comments",
"description" and "title" of each example); the JSON was re-serialised compactly, one
operation, shape or example list per line. Nothing structural was changed: metadata,
operations, shapes, members, enums, constraints and errors are as botocore ships them.

Only the contract tests read these files; the module does not ship them.
Regenerate with: dotnet pwsh ./build/Update-AwsModels.ps1 -BotocoreRoot <botocore checkout>

"@
Write-Text (Join-Path $Destination 'NOTICE') ($notice -replace "`r`n", "`n")
Write-Host "Wrote $($written.Count) models from botocore $botocoreVersion to $((Resolve-Path $Destination).Path)."
