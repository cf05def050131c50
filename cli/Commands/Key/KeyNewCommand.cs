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
        if (File.Exists(settings.Out)) throw new KeyFileExistsException(settings.Out);
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Out))!;
        Directory.CreateDirectory(directory);
        var text = PseudonymKey.NewKeyText();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(settings.Out, options))
        using (var writer = new StreamWriter(stream)) writer.WriteLine(text);
        var key = PseudonymKey.FromFile(settings.Out);
        Console.WriteLine($"Wrote a new pseudonymisation key to {Path.GetFullPath(settings.Out)} (fingerprint {key.Fingerprint}); use it with PDW_PSEUDONYM_KEY_FILE or --key-file.");
        return 0;
    }
}
