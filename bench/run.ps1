#!/usr/bin/env pwsh
# ./build.ps1 bench: the load benchmark at 0.1, 1 and 3 fiscal-year equivalents (FY2014 at scale 0.1 and 1,
# FY2012-FY2014 at scale 1), each against DuckDB's own read_csv of the same files in the same run, with both reports
# rendered at each scale (time, peak memory), then the re-send run; results in bench/results/load-<time>.json and .md.
# Then the report split (query / build / template / Chromium against Chromium's bare print of the same HTML, a cold and
# a warm run) on the largest set's warehouse, into bench/results/reports-<time>.txt: both reports rendered together as
# `pdw report all` does, then each on its own as `pdw report yearbook` and `annual` do. Pass --sets/--work to change them.
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$bench = Join-Path $root 'bench/PdWarehouse.Bench/bin/Release/publish/PdWarehouse.Bench.dll'
$reports = Join-Path $root 'bench/reports/bin/Release/publish/PdWarehouse.Bench.Reports.dll'
# Published ReadyToRun, as ./build.ps1 publishes pdw: the pdw the load benchmark runs is the one people run.
foreach ($project in 'bench/PdWarehouse.Bench', 'bench/reports') {
    & dotnet publish (Join-Path $root $project) -c Release -nologo -v quiet -clp:ErrorsOnly   # into $project/bin/Release/publish
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
$started = Get-Date
$arguments = @('--out', (Join-Path $root 'bench/results'), '--resend') + $args
& dotnet $bench @arguments
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$work = Join-Path ([IO.Path]::GetTempPath()) 'pdw-bench'
$i = [Array]::IndexOf([string[]]$args, '--work')
if ($i -ge 0) { $work = $args[$i + 1] }
$largest = Get-ChildItem $work -Filter 'pdw-*.duckdb' | Sort-Object Length -Descending | Select-Object -First 1
$fy = ($largest.BaseName -split '-')[-2]
$stamp = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHHmm')
$split = Join-Path $root "bench/results/reports-$stamp.txt"
Write-Host "== report split on $($largest.FullName), FY$fy"
& dotnet $reports --db $largest.FullName --fy $fy --runs 2 --out (Join-Path $work 'reports-split') | Tee-Object -FilePath $split
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& dotnet $reports --db $largest.FullName --fy $fy --runs 2 --apart --out (Join-Path $work 'reports-split') | Tee-Object -FilePath $split -Append
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Write-Host ("bench finished in {0:N1} minutes; results in bench/results" -f ((Get-Date) - $started).TotalMinutes)
