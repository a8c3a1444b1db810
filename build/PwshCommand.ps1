# The pwsh running now, as a command line to start another one: the dotnet tool runs pwsh.dll under
# dotnet, a native install runs pwsh itself. Dot-sourced by the build, the tests and the benchmarks.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($process)
}
