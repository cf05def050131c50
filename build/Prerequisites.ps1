# What the PDF reports need from the system, found or installed. Dot-sourced by build.ps1, and by the tests in
# tests/PdWarehouse.Warehouse.Tests/WhenAFreshMachineLacksTheBrowser.cs, which run it against stub apt-get, sudo,
# dpkg and id on a PATH that holds no browser.
#
# The rule every function here keeps: a PowerShell function returns everything written to its pipeline, so a program's
# output must go to the host (Invoke-Native pipes it there), never to the pipeline. A fresh machine's demo once passed
# apt-get's output, followed by the path, to `pdw report --browser`.

# Runs a program and fails on a non-zero exit. Its output goes to the host, so the caller returns only its own value.
function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# The Debian/Ubuntu packages the reports need: a Chromium-family browser to print the PDFs, and the Liberation fonts
# the templates name (Chromium would silently substitute another font without them).
$script:BrowserPackage = 'chromium'
$script:FontPackage = 'fonts-liberation'

# The browser pdw would use: PDW_BROWSER when set, else the first Chromium-family browser on PATH, else (Windows, macOS)
# the usual install locations. $null when there is none.
function Find-Browser {
    if ($env:PDW_BROWSER) {
        if (Test-Path -LiteralPath $env:PDW_BROWSER -PathType Leaf) { return $env:PDW_BROWSER }
        throw "PDW_BROWSER is set to '$env:PDW_BROWSER', which is not a file: set it to a Chromium, Chrome or Edge executable, or unset it."
    }
    foreach ($name in @('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge')) {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    $installed = @()
    if ($IsWindows) {
        foreach ($base in @($env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:LOCALAPPDATA) | Where-Object { $_ }) {
            $installed += Join-Path $base 'Google/Chrome/Application/chrome.exe'
            $installed += Join-Path $base 'Microsoft/Edge/Application/msedge.exe'
        }
    } elseif ($IsMacOS) {
        $installed = @('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
            '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')
    }
    foreach ($path in $installed) { if (Test-Path -LiteralPath $path -PathType Leaf) { return $path } }
    return $null
}

# Whether the Liberation fonts are there: dpkg's word where dpkg exists (the package is what we install), else the
# font files in the usual font folders (the same files the report renderer checks, reports/Rendering/ChromiumPdfPrinter.cs).
function Test-ReportFonts {
    if (Get-Command dpkg -CommandType Application -ErrorAction SilentlyContinue) {
        & dpkg -s $script:FontPackage *> $null
        return $LASTEXITCODE -eq 0
    }
    $folders = @('/usr/share/fonts', '/usr/local/share/fonts', (Join-Path $HOME '.fonts'), (Join-Path $HOME '.local/share/fonts'),
        '/Library/Fonts', '/System/Library/Fonts')
    if ($IsWindows) { $folders += Join-Path $env:WINDIR 'Fonts' }
    foreach ($folder in $folders | Where-Object { $_ -and (Test-Path -LiteralPath $_ -PathType Container) }) {
        if (Get-ChildItem -LiteralPath $folder -Recurse -File -Filter 'LiberationSans-Regular.ttf' -ErrorAction SilentlyContinue | Select-Object -First 1) {
            return $true
        }
    }
    return $false
}

function Test-Root {
    if ($IsWindows) { return $false }
    return ((& id -u) | Out-String).Trim() -eq '0'
}

# Installs Debian packages as root, or with sudo; otherwise throws one line saying exactly what to install.
function Install-DebianPackages([string[]] $Packages) {
    $list = $Packages -join ' '
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) {
        $what = @()
        if ($Packages -contains $script:BrowserPackage) { $what += 'Chromium, Google Chrome or Microsoft Edge (or set PDW_BROWSER to one)' }
        if ($Packages -contains $script:FontPackage) { $what += 'the Liberation fonts (Fedora: liberation-fonts; macOS: brew install --cask font-liberation)' }
        throw "The PDF reports need $($what -join ' and '), and there is no apt-get here to install them: install $(if ($what.Count -gt 1) { 'them' } else { 'it' }) and run this again."
    }
    $useSudo = -not (Test-Root)
    if ($useSudo -and -not (Get-Command sudo -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "The PDF reports need the Debian packages $list, and this user is not root and has no sudo: run 'apt-get install -y $list' as root, then run this again."
    }
    Write-Host "==> installing $list from Debian packages ($(if ($useSudo) { 'sudo ' })apt-get install -y $list)"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    foreach ($arguments in @(@('update', '-qq'), @(@('install', '-y', '-qq') + $Packages))) {
        if ($useSudo) { Invoke-Native 'sudo' (@('DEBIAN_FRONTEND=noninteractive', 'apt-get') + $arguments) } else { Invoke-Native 'apt-get' $arguments }
    }
}

# What `demo` and `test` call: returns the browser's path (and nothing else), installing the browser and fonts on
# Debian/Ubuntu when they are missing, or throws one line saying what to install.
function Confirm-ReportPrerequisites {
    $browser = Find-Browser
    $missing = @()
    if (-not $browser) { $missing += $script:BrowserPackage }
    if (-not (Test-ReportFonts)) { $missing += $script:FontPackage }
    if ($missing.Count -eq 0) { return $browser }
    Install-DebianPackages $missing
    if (-not $browser) {
        $browser = Find-Browser
        if (-not $browser) { throw "apt-get installed $($script:BrowserPackage), but no chromium is on PATH: install a Chromium-family browser or set PDW_BROWSER to its path." }
    }
    if (-not (Test-ReportFonts)) { throw "apt-get installed $($script:FontPackage), but dpkg does not list it: install fonts-liberation by hand, then run this again." }
    return $browser
}
