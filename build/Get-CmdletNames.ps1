# Lists the cmdlets an assembly defines, from a child pwsh so the build session never loads it.
param([Parameter(Mandatory)][string] $AssemblyPath)
. (Join-Path $PSScriptRoot 'PwshCommand.ps1')
$pwsh = @(Get-PwshCommand)
$prefix = @($pwsh | Select-Object -Skip 1)
$names = & $pwsh[0] @prefix -NoProfile -NonInteractive -Command "(Import-Module '$AssemblyPath' -PassThru).ExportedCmdlets.Keys"
if ($LASTEXITCODE -ne 0) { throw "Could not load $AssemblyPath to list its cmdlets." }
$names | Where-Object { $_ }
