using System.Diagnostics;
using System.Text.Json;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>
/// build.ps1's discovery and install of what the PDF reports need (build/Prerequisites.ps1), run by PowerShell in a
/// sandbox: PATH holds only stub <c>apt-get</c>, <c>sudo</c>, <c>dpkg</c> and <c>id</c> scripts that record their
/// arguments, and <c>apt-get install</c> "installs" a fake browser and marks the fonts installed. CI's machine already
/// has Chromium, so without this the branch a newcomer's first run takes would run nowhere: it once returned apt's
/// output along with the path, and the demo's `pdw report --browser` received both.
/// </summary>
public sealed class WhenAFreshMachineLacksTheBrowser : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("pdw-prereq-").FullName;
    private string Bin => Path.Combine(_sandbox, "bin");
    private string Calls => Path.Combine(_sandbox, "calls.log");
    private string FakeBrowser => Path.Combine(Bin, "chromium");

    public WhenAFreshMachineLacksTheBrowser()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Path.Combine(_sandbox, "installed"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_sandbox, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    // The stubs use absolute paths for everything but each other: the sandbox PATH is all they see.
    private void Stub(string name, string body) =>
        File.WriteAllText(Path.Combine(Bin, name), $"#!/bin/sh\necho \"{name} $*\" >> '{Calls}'\n{body}\n", new System.Text.UTF8Encoding(false));

    private void WithApt() => Stub("apt-get", $$"""
        echo 'Reading package lists... Done'
        echo 'Building dependency tree... Done'
        if [ "$1" = install ]; then
          for p in "$@"; do
            case "$p" in
              chromium) printf '#!/bin/sh\necho fake chromium\n' > '{{FakeBrowser}}'; /bin/chmod 755 '{{FakeBrowser}}' ;;
              fonts-liberation) : > '{{_sandbox}}/installed/fonts-liberation' ;;
            esac
          done
          echo 'Setting up chromium ...'
        fi
        exit 0
        """);

    private void WithDpkg() => Stub("dpkg", $$"""
        if [ "$1" = -s ] && [ -e "{{_sandbox}}/installed/$2" ]; then echo "Package: $2"; echo 'Status: install ok installed'; exit 0; fi
        echo "dpkg-query: package '$2' is not installed and no information is available" >&2
        exit 1
        """);

    private void WithSudo() => Stub("sudo", "exec /usr/bin/env \"$@\"");

    private void AsUser(int uid) => Stub("id", $"echo {uid}");

    private void WithBrowserInstalled() => File.WriteAllText(FakeBrowser, "#!/bin/sh\necho fake chromium\n");

    private void WithFontsInstalled() => File.WriteAllText(Path.Combine(_sandbox, "installed", "fonts-liberation"), "");

    private string[] CallsMade() => File.Exists(Calls) ? File.ReadAllLines(Calls) : [];

    /// <summary>Runs PowerShell in the sandbox: PATH is the stubs' folder alone and PDW_BROWSER is unset.</summary>
    private (int ExitCode, string Out, string Err) Pwsh(params string[] arguments)
    {
        // The stubs are POSIX shell scripts, as apt-get is: this is the Debian/Ubuntu path, not Windows'.
        Assert.False(OperatingSystem.IsWindows(), "the install path under test is Debian's");
        if (!OperatingSystem.IsWindows())
            foreach (var stub in Directory.GetFiles(Bin)) File.SetUnixFileMode(stub, (UnixFileMode)0b111_101_101);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet, ["pwsh", "-NoProfile", "-NonInteractive", .. arguments])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = DataDictionaryTests.RepositoryRoot(),
        };
        psi.Environment["PATH"] = Bin;
        psi.Environment.Remove("PDW_BROWSER");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); Assert.Fail("PowerShell did not finish in 2 minutes"); }
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>What Confirm-ReportPrerequisites returns (as JSON in a file, apart from what it writes to the host).</summary>
    private (string[] Returned, string Host) Confirm()
    {
        var result = Path.Combine(_sandbox, "returned.json");
        var (exit, stdout, stderr) = Pwsh("-Command",
            $". ./build/Prerequisites.ps1; $r = @(Confirm-ReportPrerequisites); ConvertTo-Json -InputObject $r | Set-Content -LiteralPath '{result}'");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        return (JsonSerializer.Deserialize<string[]>(File.ReadAllText(result))!, stdout);
    }

    /// <summary>build.ps1 as a user runs it, through its `prerequisites` target: exit code and the last line it printed.</summary>
    private (int ExitCode, string LastLine, string All) Target()
    {
        var (exit, stdout, stderr) = Pwsh("./build.ps1", "prerequisites");
        var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (exit, lines.LastOrDefault() ?? "", stdout + stderr);
    }

    [Fact]
    public void As_root_it_installs_both_packages_and_returns_only_the_browsers_path()
    {
        WithApt(); WithDpkg(); AsUser(0);
        var (returned, host) = Confirm();
        Assert.Equal([FakeBrowser], returned);
        Assert.True(File.Exists(returned[0]));
        Assert.Contains("==> installing chromium fonts-liberation", host);
        Assert.Contains("Reading package lists", host);
        Assert.Equal(["id -u", "apt-get update -qq", "apt-get install -y -qq chromium fonts-liberation"], CallsMade().Where(c => !c.StartsWith("dpkg", StringComparison.Ordinal)));
    }

    [Fact]
    public void As_a_user_with_sudo_it_installs_through_sudo()
    {
        WithApt(); WithDpkg(); WithSudo(); AsUser(1000);
        var (returned, _) = Confirm();
        Assert.Equal([FakeBrowser], returned);
        var calls = CallsMade().Where(c => c.StartsWith("sudo", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq", "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation"], calls);
    }

    [Fact]
    public void With_the_browser_present_and_the_fonts_missing_it_installs_only_the_fonts()
    {
        WithApt(); WithDpkg(); AsUser(0); WithBrowserInstalled();
        var (returned, _) = Confirm();
        Assert.Equal([FakeBrowser], returned);
        Assert.Contains("apt-get install -y -qq fonts-liberation", CallsMade());
        Assert.DoesNotContain(CallsMade(), c => c.Contains("chromium", StringComparison.Ordinal));
    }

    [Fact]
    public void With_everything_present_it_installs_nothing()
    {
        WithApt(); WithDpkg(); AsUser(0); WithBrowserInstalled(); WithFontsInstalled();
        var (returned, host) = Confirm();
        Assert.Equal([FakeBrowser], returned);
        Assert.DoesNotContain(CallsMade(), c => c.StartsWith("apt-get", StringComparison.Ordinal));
        Assert.DoesNotContain("installing", host);
    }

    [Fact]
    public void Without_apt_it_stops_with_one_line_saying_what_to_install()
    {
        WithDpkg(); AsUser(0);
        var (exit, last, all) = Target();
        Assert.NotEqual(0, exit);
        Assert.Equal("build.ps1 prerequisites: The PDF reports need Chromium, Google Chrome or Microsoft Edge (or set PDW_BROWSER to one) and the Liberation fonts "
            + "(Fedora: liberation-fonts; macOS: brew install --cask font-liberation), and there is no apt-get here to install them: install them and run this again.", last);
        Assert.DoesNotContain("Line |", all);
    }

    [Fact]
    public void Without_apt_and_with_the_browser_present_it_names_only_the_fonts()
    {
        WithDpkg(); AsUser(0); WithBrowserInstalled();
        var (exit, last, _) = Target();
        Assert.NotEqual(0, exit);
        Assert.Equal("build.ps1 prerequisites: The PDF reports need the Liberation fonts (Fedora: liberation-fonts; macOS: brew install --cask font-liberation), "
            + "and there is no apt-get here to install them: install it and run this again.", last);
    }

    [Fact]
    public void With_apt_but_neither_root_nor_sudo_it_stops_with_the_command_to_run_as_root()
    {
        WithApt(); WithDpkg(); AsUser(1000);
        var (exit, last, _) = Target();
        Assert.NotEqual(0, exit);
        Assert.Equal("build.ps1 prerequisites: The PDF reports need the Debian packages chromium fonts-liberation, and this user is not root and has no sudo: "
            + "run 'apt-get install -y chromium fonts-liberation' as root, then run this again.", last);
        Assert.DoesNotContain(CallsMade(), c => c.StartsWith("apt-get", StringComparison.Ordinal));
    }

    [Fact]
    public void With_apt_but_neither_root_nor_sudo_and_only_the_fonts_missing_it_names_only_the_fonts()
    {
        WithApt(); WithDpkg(); AsUser(1000); WithBrowserInstalled();
        var (exit, last, _) = Target();
        Assert.NotEqual(0, exit);
        Assert.Equal("build.ps1 prerequisites: The PDF reports need the Debian packages fonts-liberation, and this user is not root and has no sudo: "
            + "run 'apt-get install -y fonts-liberation' as root, then run this again.", last);
    }

    [Fact]
    public void The_target_prints_the_browser_it_found_and_exits_zero()
    {
        WithApt(); WithDpkg(); AsUser(0);
        var (exit, last, all) = Target();
        Assert.True(exit == 0, all);
        Assert.Equal($"Browser for the PDF reports: {FakeBrowser}", last);
    }
}
