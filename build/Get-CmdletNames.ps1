# Lists the cmdlets an assembly defines, from a child pwsh so the build session never loads it.
param([Parameter(Mandatory)][string] $AssemblyPath)
$process = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }
$prefix = @($pwsh | Select-Object -Skip 1)
$names = & $pwsh[0] @prefix -NoProfile -NonInteractive -Command "(Import-Module '$AssemblyPath' -PassThru).ExportedCmdlets.Keys"
if ($LASTEXITCODE -ne 0) { throw "Could not load $AssemblyPath to list its cmdlets." }
$names | Where-Object { $_ }
