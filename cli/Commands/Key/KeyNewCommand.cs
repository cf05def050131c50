using System.ComponentModel;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Key;

public sealed class KeyFileExistsException(string path)
    : PdWarehouseException($"'{path}' already exists; a key file is never overwritten (hashes made with it would become unlinkable).");

/// <summary>Makes a new random pseudonymisation key, readable only by its owner, outside the repository.</summary>
public sealed class KeyNewCommand : Command<KeyNewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the key (the file must not exist). Keep it out of the repository and back it up.")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        WriteOwnerOnly(settings.Out, PseudonymKey.NewKeyText() + "\n");
        var key = PseudonymKey.FromFile(settings.Out);
        Console.WriteLine($"Wrote a new pseudonymisation key to {Path.GetFullPath(settings.Out)} (fingerprint {key.Fingerprint}); use it with PDW_PSEUDONYM_KEY_FILE or --key-file.");
        return 0;
    }

    /// <summary>Creates the file (never overwrites) readable only by its owner.</summary>
    internal static void WriteOwnerOnly(string path, string text)
    {
        if (File.Exists(path)) throw new KeyFileExistsException(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
