#!/usr/bin/env pwsh
# ./build.ps1 bench: the load benchmark at 0.1, 1 and 3 fiscal-year equivalents (FY2014 at scale 0.1 and 1,
# FY2012-FY2014 at scale 1), each against DuckDB's own read_csv of the same files in the same run, then the
# re-send run; results in bench/results/load-<time>.json and .md. Pass --sets/--work to change them.
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$bench = Join-Path $root 'bench/PdWarehouse.Bench/bin/Release/net10.0/PdWarehouse.Bench.dll'
& dotnet build (Join-Path $root 'bench/PdWarehouse.Bench') -c Release -nologo -v quiet -clp:ErrorsOnly
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$arguments = @('--out', (Join-Path $root 'bench/results'), '--resend') + $args
& dotnet $bench @arguments
exit $LASTEXITCODE
