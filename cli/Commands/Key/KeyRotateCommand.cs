using System.ComponentModel;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Key;

/// <summary>
/// Adds a fresh key to the chain and re-keys the warehouse's stored hashes with it, in one transaction. The new
/// chain file is written first (owner-only, never over an existing file) and removed again if the re-keying fails,
/// so the chain on disk and the hashes in the warehouse never disagree.
/// </summary>
public sealed class KeyRotateCommand : Command<KeyRotateCommand.Settings>
{
    public sealed class Settings : Warehouse.DacpacSettings
    {
        [CommandOption("--db <FILE>")]
        [Description("The DuckDB warehouse to re-key (default: pdw.duckdb).")]
        public string? Db { get; init; }

        [CommandOption("--connection <CS>")]
        [Description("A SQL Server warehouse to re-key instead of DuckDB.")]
        public string? Connection { get; init; }

        [CommandOption("--key-file <FILE>")]
        [Description("The key file (one key, or a chain one per line) the warehouse was loaded with.")]
        public string KeyFile { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Where to write the new chain: the current keys plus a fresh one. Must not exist.")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(KeyFile) ? ValidationResult.Error("--key-file CURRENT is required")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out NEW_KEY_FILE is required")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var current = PseudonymKey.FromFile(settings.KeyFile);
        if (File.Exists(settings.Out)) throw new KeyFileExistsException(settings.Out);
        using var model = WarehouseModel.LoadDacpac(settings.DacpacPath);
        using var warehouse = WarehouseConnection.Open(settings.Db, settings.Connection);

        var added = PseudonymKey.NewKeyText();
        var lines = File.ReadAllText(settings.KeyFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        KeyNewCommand.WriteOwnerOnly(settings.Out, string.Join('\n', lines.Append(added)) + "\n");
        KeyRotationResult result;
        try
        {
            result = new KeyRotation(warehouse, model).Rotate(PseudonymKey.FromText(added, "the new key"));
        }
        catch
        {
            File.Delete(settings.Out);
            throw;
        }
        var chain = PseudonymKey.FromFile(settings.Out);
        Console.WriteLine($"Re-keyed {warehouse.Description} in one transaction: {result.HashesRekeyed:N0} distinct hashes, " +
                          $"{result.PersonRowsUpdated:N0} dw.DimPerson rows, {result.IdentifierRowsUpdated:N0} etl.PersonIdentifier rows" +
                          (result.WorkRowsCleared > 0 ? $"; {result.WorkRowsCleared:N0} leftover work rows cleared." : "."));
        Console.WriteLine($"New key chain ({chain.ChainLength} keys, fingerprint {current.Fingerprint} -> {chain.Fingerprint}) written to {Path.GetFullPath(settings.Out)}.");
        Console.WriteLine($"Load with the new chain from now on (--key-file or PDW_PSEUDONYM_KEY_FILE), back it up, and retire {settings.KeyFile}.");
        return 0;
    }
}
