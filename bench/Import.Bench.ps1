<#
.SYNOPSIS
    Import benchmark: Import-Module of the built module in fresh pwsh processes (median of N) beside
    the same pwsh start without the import (median of N); prints both and the difference. Then checks,
    under strace when it is installed, that the import opens no network connection.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,   # unused: every bench gets the same parameters
    [int] $Runs = 10
)
$ErrorActionPreference = 'Stop'

. (Join-Path $PSScriptRoot '../build/PwshCommand.ps1')
$pwsh = @(Get-PwshCommand)
$manifest = Join-Path (Resolve-Path $ModulePath) 'EcsBlueGreen.psd1'
$quoted = "'" + $manifest.Replace("'", "''") + "'"

$bare = '$null = 1'
$import = "Import-Module $quoted -ErrorAction Stop"

function Measure-Pwsh([string] $Command) {
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @arguments
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed with exit code $LASTEXITCODE" }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# One warm-up of each (disk cache, first-run profile/JIT files), then the runs interleaved so a
# slowly changing machine load weighs on both series alike.
Measure-Pwsh $bare | Out-Null
Measure-Pwsh $import | Out-Null
$bareTimes = [Collections.Generic.List[double]]::new()
$importTimes = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $bareTimes.Add((Measure-Pwsh $bare))
    $importTimes.Add((Measure-Pwsh $import))
}
$bareMedian = Get-Median $bareTimes
$importMedian = Get-Median $importTimes
"pwsh start without import: median {0,6:N0} ms  (min {1:N0}, max {2:N0}, {3} runs)" -f $bareMedian, ($bareTimes | Measure-Object -Minimum).Minimum, ($bareTimes | Measure-Object -Maximum).Maximum, $Runs
"pwsh start + Import-Module: median {0,6:N0} ms  (min {1:N0}, max {2:N0}, {3} runs)" -f $importMedian, ($importTimes | Measure-Object -Minimum).Minimum, ($importTimes | Measure-Object -Maximum).Maximum, $Runs
"Import-Module cost (difference of medians): {0:N0} ms" -f ($importMedian - $bareMedian)

# No network: every connect/sendto of the import process (and its threads) on an IP socket is listed.
# AF_UNIX sockets (the .NET diagnostics IPC) are not network.
$strace = Get-Command strace -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $strace) { 'Network during import: not checked (strace not installed).' }
else {
    $trace = Join-Path ([IO.Path]::GetTempPath()) "ecsbg-import-$([guid]::NewGuid().ToString('N')).strace"
    try {
        $arguments = @('-f', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', $trace) + $pwsh + @('-NoProfile', '-NonInteractive', '-Command', $import)
        & $strace.Source @arguments
        if ($LASTEXITCODE -ne 0) { throw "strace pwsh -Command '$import' failed with exit code $LASTEXITCODE" }
        $network = @(Get-Content $trace | Where-Object { $_ -match 'AF_INET6?\b' })
        if ($network.Count -eq 0) { 'Network during import: none (strace: no connect/sendto on an AF_INET/AF_INET6 socket).' }
        else {
            "Network during import: $($network.Count) IP socket call(s):"
            $network | Select-Object -First 10 | ForEach-Object { "  $_" }
        }
    }
    finally { Remove-Item $trace -ErrorAction SilentlyContinue }
}
