#!/usr/bin/env pwsh
# PdWarehouse build script. Run it through the dotnet local tool, so nothing but the .NET SDK is needed:
#   dotnet tool restore && dotnet pwsh ./build.ps1 <target> [args]
# Targets: build | test | demo | bench | prerequisites | pdw <args...>
param(
    [Parameter(Position = 0)] [ValidateSet('build', 'test', 'demo', 'bench', 'prerequisites', 'pdw')] [string] $Target = 'build',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)] [string[]] $Rest = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Configuration = if ($env:PDW_CONFIGURATION) { $env:PDW_CONFIGURATION } else { 'Release' }
$Out = Join-Path $Root 'out'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
# The demo's closing example for analysts; tests/PdWarehouse.Loading.Tests runs this very text against a loaded warehouse.
$DemoQuery = 'SELECT FiscalYear, ComponentCode, SUM(Decisions) AS Decisions FROM rpt.DiscretionDecisionCount GROUP BY ALL ORDER BY ALL;'

. (Join-Path $PSScriptRoot 'build/Prerequisites.ps1')

function Invoke-Build {
    Write-Host "==> dotnet build ($Configuration)"
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'PdWarehouse.sln'), '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly;Summary')
}

# pdw as people run it: published ReadyToRun (Directory.Build.targets), so a command does not first JIT its code.
# `pdw report annual` took 1.7-2.3 s wall against 2.5-2.9 s from the build output (bench/README.md).
function Invoke-Publish {
    Write-Host "==> dotnet publish cli (ReadyToRun)"
    $stamp = Get-PublishStamp
    if (Test-Path $stamp) { Remove-Item -Force $stamp }
    Invoke-Native 'dotnet' @('publish', (Join-Path $Root 'cli/PdWarehouse.Cli.csproj'), '-c', $Configuration, '--no-build', '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    # Written last: a publish that stopped half-way leaves no stamp, so the next `pdw` publishes again.
    Set-Content -Path $stamp -Value (Get-Date).ToUniversalTime().ToString('o')
}

function Get-Pdw { Join-Path $Root "cli/bin/$Configuration/publish/pdw.dll" }
function Get-PublishStamp { Join-Path $Root "cli/bin/$Configuration/publish/pdw.published" }

# The published copy is stale when any build (`test`, `dotnet build`, an IDE) wrote the build output after it:
# the dacpac, templates and warehouse SQL beside pdw come from there too.
function Test-PublishCurrent {
    $stamp = Get-PublishStamp
    if (-not (Test-Path $stamp)) { return $false }
    $published = (Get-Item -LiteralPath $stamp).LastWriteTimeUtc
    $built = Join-Path $Root "cli/bin/$Configuration/net10.0"
    $newer = Get-ChildItem -LiteralPath $built -Recurse -File -Force -ErrorAction SilentlyContinue |
        Where-Object { $_.LastWriteTimeUtc -gt $published } | Select-Object -First 1
    return $null -eq $newer
}

# pdw writes straight to the terminal (not through Invoke-Native's host pipe), so it can show its live progress.
# Used only as a statement, never where a value is returned.
function Invoke-Pdw([string[]] $Arguments) {
    & dotnet (Get-Pdw) @Arguments
    if ($LASTEXITCODE -ne 0) { throw "pdw $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A failure ends in one line on stderr (what failed, or what to install), not PowerShell's multi-line error view.
try {
    switch ($Target) {
        'build' { Invoke-Build; Invoke-Publish }
        'prerequisites' {
            # What `demo` and `test` do first, on its own: find (or install) the browser and fonts the PDF reports need.
            $browser = Confirm-ReportPrerequisites
            Write-Host "Browser for the PDF reports: $browser"
        }
        'test' {
            # The report tests print PDFs with the system's Chromium: install it now (Debian/Ubuntu) or stop saying what to install.
            $env:PDW_BROWSER = Confirm-ReportPrerequisites
            Invoke-Build
            $results = Join-Path $Out 'test-results'
            if (Test-Path $results) { Remove-Item -Recurse -Force $results }
            Write-Host '==> dotnet test'
            & dotnet test (Join-Path $Root 'PdWarehouse.sln') -c $Configuration --no-build -nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $results
            $exit = $LASTEXITCODE
            # One closing line in the plain form CI readers recognise, summed over every test project.
            $passed = 0; $failed = 0; $skipped = 0
            # Counted from each test's own outcome: the TRX summary counters leave skipped tests out.
            foreach ($trx in Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue) {
                foreach ($result in ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.Results.UnitTestResult) {
                    switch ($result.outcome) {
                        'Passed' { $passed++ }
                        'NotExecuted' { $skipped++ }
                        default { $failed++ }
                    }
                }
            }
            Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
            if ($exit -ne 0) { exit $exit }
            if ($passed -eq 0) { Write-Host 'No test ran.'; exit 1 }
        }
        'demo' {
            $browser = Confirm-ReportPrerequisites
            Invoke-Build
            Invoke-Publish
            New-Item -ItemType Directory -Force $Out | Out-Null
            $db = Join-Path $Out 'pdw.duckdb'
            $deliveries = Join-Path $Out 'deliveries'
            # The key that pseudonymises person identifiers never lives in the repository: use the caller's,
            # or make one for this machine under out/ (git-ignored).
            if (-not $env:PDW_PSEUDONYM_KEY -and -not $env:PDW_PSEUDONYM_KEY_FILE) {
                $keyFile = Join-Path $Out 'pseudonym.key'
                if (-not (Test-Path $keyFile)) { Invoke-Pdw @('key', 'new', '--out', $keyFile) }
                $env:PDW_PSEUDONYM_KEY_FILE = $keyFile
            }
            # A fresh warehouse each time, so the demo always shows a complete first load.
            foreach ($f in @($db, "$db.wal")) { if (Test-Path $f) { Remove-Item -Force $f } }
            if (Test-Path $deliveries) { Remove-Item -Recurse -Force $deliveries }
            Write-Host "==> pdw warehouse init --db $db"
            Invoke-Pdw @('warehouse', 'init', '--db', $db)
            Write-Host "==> pdw generate --fiscal-years 2012-2015 --scale 0.01 (synthetic deliveries with 1% dirty rows; FY2015 carries the 2014-11-20 policy effect)"
            Invoke-Pdw @('generate', '--fiscal-years', '2012-2015', '--scale', '0.01', '--seed', '42', '--dirty-rate', '0.01', '--out', $deliveries)
            Write-Host "==> pdw load $deliveries"
            Invoke-Pdw @('load', $deliveries, '--db', $db)
            Write-Host '==> pdw warehouse summary'
            Invoke-Pdw @('warehouse', 'summary', '--db', $db)
            $reports = Join-Path $Out 'reports'
            # The three reports in one run: one browser, each queried while the one before it prints; the monitoring report
            # measures the shipped goals (monitoring/goals.yaml) over the two years around the 2014-11-20 memos.
            Write-Host "==> pdw report all --fy 2015 --from 2013-10 --to 2015-09 --goals monitoring/goals.yaml --out $reports"
            Invoke-Pdw @('report', 'all', '--fy', '2015', '--from', '2013-10', '--to', '2015-09', '--goals', (Join-Path $Root 'monitoring/goals.yaml'), '--db', $db, '--out', $reports, '--browser', $browser)
            # Where everything is, and how an analyst opens it (README "For analysts" pairs DuckDB versions).
            $relative = { param($path) [IO.Path]::GetRelativePath((Get-Location).Path, $path) }
            Write-Host ''
            Write-Host "Done. The warehouse:    $(& $relative $db)"
            Write-Host "      The reports:      $(& $relative (Join-Path $reports 'yearbook.pdf')), $(& $relative (Join-Path $reports 'annual.pdf'))"
            Write-Host "      Policy monitoring: $(& $relative (Join-Path $reports 'monitor.pdf')) (goals against targets, October 2013 to September 2015)"
            Write-Host "      Their HTML, Excel workbooks and CSVs: $(& $relative $reports)/*.html, *.xlsx, *.csv"
            Write-Host "      Open the warehouse with the DuckDB CLI (1.0 or newer):  duckdb -readonly $(& $relative $db)"
            Write-Host "      and try:  $DemoQuery"
        }
        'bench' {
            Invoke-Build
            $bench = Join-Path $Root 'bench/run.ps1'
            if (-not (Test-Path $bench)) { throw "No benchmark driver at $bench yet." }
            & $bench @Rest
            if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        }
        'pdw' {
            # Built if never built; published again if the build output changed since the last publish. Source edits
            # since the last build are not seen: run `./build.ps1 build` after changing the code.
            if (-not (Test-Path (Join-Path $Root "cli/bin/$Configuration/net10.0/pdw.dll"))) { Invoke-Build }
            if (-not (Test-PublishCurrent)) { Invoke-Publish }
            & dotnet (Get-Pdw) @Rest
            exit $LASTEXITCODE
        }
    }
} catch {
    [Console]::Error.WriteLine("build.ps1 ${Target}: $($_.Exception.Message)")
    exit 1
}
