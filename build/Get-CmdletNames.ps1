# Lists the cmdlets an assembly defines, from a child pwsh so the build session never loads it.
param([Parameter(Mandatory)][string] $AssemblyPath)
$pwsh = (Get-Process -Id $PID).Path
$names = & $pwsh -NoProfile -NonInteractive -Command "(Import-Module '$AssemblyPath' -PassThru).ExportedCmdlets.Keys"
if ($LASTEXITCODE -ne 0) { throw "Could not load $AssemblyPath to list its cmdlets." }
$names | Where-Object { $_ }
